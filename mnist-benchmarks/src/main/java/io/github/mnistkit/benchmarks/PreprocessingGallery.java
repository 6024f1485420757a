package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.sdk.image.ImageDecoder;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws the before/after pictures of docs/preprocessing.md: real-looking inputs made from MNIST
 * test digits, and the 28×28 image the SDK makes of each. Args: output folder.
 */
public final class PreprocessingGallery {
  private static final int PANEL = 240;

  private PreprocessingGallery() {}

  public static void main(String[] args) throws IOException {
    Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "docs/images"));
    IdxDataset test = BenchmarkData.testSet();
    DigitPreprocessor preprocessor = DigitPreprocessor.create();
    ImageDecoder decoder = ImageDecoder.create();
    BufferedImage[] inputs = {
      photo(test, 0), canvas(test, 1), chalkboard(test, 2), smallOffCentre(test, 3)
    };
    String[] names = {
      "photo, uneven light, blue ink (JPEG)",
      "canvas drawing, transparent (PNG)",
      "chalk on a dark board",
      "small and off-centre"
    };
    BufferedImage sheet =
        new BufferedImage(
            2 * PANEL + 30, inputs.length * (PANEL + 30) + 10, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < inputs.length; i++) {
      byte[] encoded = BenchmarkData.encode(inputs[i], i == 0 ? "jpg" : "png");
      BufferedImage decoded = decoder.decode(encoded);
      DigitImage digit = preprocessor.toDigit(decoded);
      int y = 10 + i * (PANEL + 30);
      g.setColor(new Color(235, 235, 235));
      g.fillRect(10, y, PANEL, PANEL);
      g.drawImage(decoded, 10, y, PANEL, PANEL, null);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(digit.toBufferedImage(), 20 + PANEL, y, PANEL, PANEL, null);
      g.setColor(Color.DARK_GRAY);
      g.drawString(names[i], 12, y + PANEL + 16);
      g.drawString("→ 28×28 model input (label " + test.label(i) + ")", 22 + PANEL, y + PANEL + 16);
    }
    g.dispose();
    ImageIO.write(sheet, "png", out.resolve("preprocessing.png").toFile());
    System.out.println("wrote " + out.resolve("preprocessing.png"));
  }

  private static BufferedImage digitStamp(IdxDataset test, int index, Color ink) {
    byte[] bytes = test.imageBytes(index);
    BufferedImage stamp = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
    for (int p = 0; p < bytes.length; p++) {
      stamp.setRGB(p % 28, p / 28, (bytes[p] & 0xFF) << 24 | (ink.getRGB() & 0xFFFFFF));
    }
    return stamp;
  }

  private static BufferedImage photo(IdxDataset test, int index) {
    int w = 640;
    int h = 480;
    BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random noise = new Random(1);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (int) Math.max(0, Math.min(255, 120 + 120.0 * x / w + noise.nextGaussian() * 4));
        page.setRGB(x, y, v << 16 | v << 8 | Math.min(255, v + 8));
      }
    }
    draw(page, digitStamp(test, index, new Color(30, 60, 160)), 200, 120, 280);
    return page;
  }

  private static BufferedImage canvas(IdxDataset test, int index) {
    BufferedImage canvas = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
    draw(canvas, digitStamp(test, index, Color.BLACK), 40, 40, 220);
    return canvas;
  }

  private static BufferedImage chalkboard(IdxDataset test, int index) {
    BufferedImage board = new BufferedImage(360, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = board.createGraphics();
    g.setColor(new Color(30, 50, 40));
    g.fillRect(0, 0, 360, 300);
    g.dispose();
    draw(board, digitStamp(test, index, new Color(235, 235, 225)), 70, 30, 240);
    return board;
  }

  private static BufferedImage smallOffCentre(IdxDataset test, int index) {
    BufferedImage page = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 400);
    g.dispose();
    draw(page, digitStamp(test, index, Color.BLACK), 260, 40, 70);
    return page;
  }

  private static void draw(BufferedImage target, BufferedImage stamp, int x, int y, int size) {
    Graphics2D g = target.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(stamp, x, y, size, size, null);
    g.dispose();
  }
}
