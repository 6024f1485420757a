package io.github.mnistkit.trainer.train;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a contact sheet of the augmentation: one row per digit 0–9 (first of each in the fixture's
 * test split), the original then eight augmented copies, drawn 2× as the model sees them.
 *
 * <p>Run from {@code mnist-trainer/} with the test classpath: {@code java -cp
 * ../mnist-sdk/target/classes:target/classes:target/test-classes
 * io.github.mnistkit.trainer.train.AugmentationContactSheet
 * ../docs/images/augmentation-examples.png}
 */
final class AugmentationContactSheet {
  private static final int COPIES = 8;
  private static final int ZOOM = 2;
  private static final int CELL = 28 * ZOOM + 2;

  private AugmentationContactSheet() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "augmentation-examples.png");
    IdxDataset test = Fixture.load().test();
    BufferedImage sheet =
        new BufferedImage(CELL * (COPIES + 1), CELL * 10, BufferedImage.TYPE_BYTE_GRAY);
    fill(sheet, 0x80);
    Random random = new Random(2026);
    float[] src = new float[784];
    float[] dst = new float[784];
    for (int digit = 0; digit < 10; digit++) {
      test.copyImage(firstOf(test, digit), src, 0);
      draw(sheet, src, 0, digit);
      for (int copy = 1; copy <= COPIES; copy++) {
        Augmenter.distort(src, 0, dst, 0, random);
        draw(sheet, dst, copy, digit);
      }
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    ImageIO.write(sheet, "png", target.toFile());
  }

  private static int firstOf(IdxDataset data, int digit) {
    for (int i = 0; i < data.size(); i++) {
      if (data.label(i) == digit) {
        return i;
      }
    }
    throw new IllegalStateException("no " + digit + " in the fixture");
  }

  private static void fill(BufferedImage image, int grey) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.getRaster().setSample(x, y, 0, grey);
      }
    }
  }

  private static void draw(BufferedImage sheet, float[] pixels, int column, int row) {
    for (int y = 0; y < 28 * ZOOM; y++) {
      for (int x = 0; x < 28 * ZOOM; x++) {
        int v = Math.round(pixels[(y / ZOOM) * 28 + x / ZOOM] * 255);
        sheet.getRaster().setSample(column * CELL + 1 + x, row * CELL + 1 + y, 0, v);
      }
    }
  }
}
