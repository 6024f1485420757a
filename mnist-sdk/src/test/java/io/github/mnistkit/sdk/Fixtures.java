package io.github.mnistkit.sdk;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.sdk.image.DigitImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Real MNIST test digits from the committed fixture, as 28×28 inputs and as ordinary images. */
final class Fixtures {
  static final Path DIRECTORY =
      Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"));
  static final IdxDataset TEST =
      IdxReader.read(
          DIRECTORY.resolve("t10k-images-idx3-ubyte.gz"),
          DIRECTORY.resolve("t10k-labels-idx1-ubyte.gz"));

  private Fixtures() {}

  static DigitImage digit(int index) {
    return DigitImage.ofMnistBytes(TEST.imageBytes(index));
  }

  /** Dark ink on white paper, the digit scaled to {@code digitSize} px and placed at (x, y). */
  static BufferedImage onPaper(int index, int width, int height, int digitSize, int x, int y) {
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(inverted(index), x, y, digitSize, digitSize, null);
    g.dispose();
    return page;
  }

  private static BufferedImage inverted(int index) {
    byte[] bytes = TEST.imageBytes(index);
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 784; i++) {
      int v = 255 - (bytes[i] & 0xFF);
      image.setRGB(i % 28, i / 28, v << 16 | v << 8 | v);
    }
    return image;
  }

  static byte[] encode(BufferedImage image, String format) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
