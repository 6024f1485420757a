package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a PNG grid of generated "not a digit" images, one row per kind, as the model sees them
 * (28×28, ink white), for looking at: {@code NonDigitContactSheet OUT.png MNIST_DIR [PER_KIND]
 * [SEED]}. Pictures are shown when Fashion-MNIST is installed.
 */
final class NonDigitContactSheet {
  private static final int ZOOM = 2;
  private static final int CELL = 28 * ZOOM + 4;
  private static final int LABEL_WIDTH = 104;

  private NonDigitContactSheet() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: NonDigitContactSheet OUT.png MNIST_DIR [PER_KIND] [SEED]");
      System.exit(2);
    }
    Path mnist = Path.of(args[1]);
    IdxDataset digits =
        IdxReader.read(
            mnist.resolve(DataFiles.TRAIN_IMAGES), mnist.resolve(DataFiles.TRAIN_LABELS));
    int perKind = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    BufferedImage sheet = sheet(digits, NonDigitImages.fashionTrainIfInstalled(), perKind, seed);
    ImageIO.write(sheet, "png", Path.of(args[0]).toFile());
    System.out.println("NonDigitContactSheet: wrote " + args[0]);
  }

  static BufferedImage sheet(IdxDataset digits, IdxDataset pictures, int perKind, long seed) {
    List<NonDigitImages.Kind> kinds = NonDigitImages.kinds(pictures != null);
    BufferedImage sheet =
        new BufferedImage(
            LABEL_WIDTH + perKind * CELL, kinds.size() * CELL, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(96, 96, 96));
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int row = 0; row < kinds.size(); row++) {
      NonDigitImages.Kind kind = kinds.get(row);
      g.setColor(Color.WHITE);
      g.drawString(kind.name().toLowerCase().replace('_', ' '), 4, row * CELL + CELL / 2 + 4);
      IdxDataset images = NonDigitImages.generate(kind, digits, pictures, perKind, seed + row);
      for (int i = 0; i < images.size(); i++) {
        g.drawImage(
            image(images.imageBytes(i)),
            LABEL_WIDTH + i * CELL + 2,
            row * CELL + 2,
            28 * ZOOM,
            28 * ZOOM,
            null);
      }
    }
    g.dispose();
    return sheet;
  }

  private static BufferedImage image(byte[] pixels) {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, 28, 28, pixels);
    return image;
  }
}
