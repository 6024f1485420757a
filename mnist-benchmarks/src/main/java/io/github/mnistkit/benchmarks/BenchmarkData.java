package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** MNIST test images for benchmarks, and the encoded images made from them. */
final class BenchmarkData {
  private BenchmarkData() {}

  /** The folder named by -Dmnist.dataDirectory, else the committed fixture. */
  static IdxDataset testSet() {
    Path directory = Path.of(System.getProperty("mnist.dataDirectory", "test-data/mnist"));
    return IdxReader.read(
        directory.resolve("t10k-images-idx3-ubyte.gz"),
        directory.resolve("t10k-labels-idx1-ubyte.gz"));
  }

  /** The digit as MNIST stores it (white on black, 28×28), as a grey PNG. */
  static byte[] mnistPng(IdxDataset data, int index) {
    byte[] bytes = data.imageBytes(index);
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, 28, 28, bytes);
    return encode(image, "png");
  }

  /** The digit as black ink on a white {@code size}×{@code size} page, as a JPEG. */
  static byte[] paperJpeg(IdxDataset data, int index, int size) {
    byte[] bytes = data.imageBytes(index);
    BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (255 - (bytes[i] & 0xFF));
    }
    digit.getRaster().setDataElements(0, 0, 28, 28, bytes);
    BufferedImage page = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(digit, size / 5, size / 5, size * 3 / 5, size * 3 / 5, null);
    g.dispose();
    return encode(page, "jpg");
  }

  static byte[] encode(BufferedImage image, String format) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
