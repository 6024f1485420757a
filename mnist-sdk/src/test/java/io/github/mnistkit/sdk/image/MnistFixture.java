package io.github.mnistkit.sdk.image;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Real MNIST test digits from the fixture in {@code test-data/mnist} (the first 2000 images of the
 * MNIST test set). The folder is the system property {@code mnist.fixtureDir}, or {@code
 * ../test-data/mnist} relative to the module (surefire's working directory).
 */
final class MnistFixture {
  private static final List<Digit> DIGITS = load();

  private MnistFixture() {}

  /** One MNIST digit: 784 unsigned bytes, ink = 255. */
  record Digit(int index, int label, byte[] bytes) {
    float[] pixels() {
      float[] p = new float[784];
      for (int i = 0; i < 784; i++) {
        p[i] = (bytes[i] & 0xFF) / 255f;
      }
      return p;
    }

    /** The digit as MNIST stores it: white ink on black, 28×28 grey. */
    BufferedImage whiteOnBlack() {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      image.getRaster().setDataElements(0, 0, 28, 28, bytes.clone());
      return image;
    }
  }

  static List<Digit> all() {
    return DIGITS;
  }

  static Digit get(int index) {
    return DIGITS.get(index);
  }

  /** The first fixture digit with this label at or after {@code from}. */
  static Digit firstWithLabel(int label, int from) {
    for (Digit d : DIGITS.subList(from, DIGITS.size())) {
      if (d.label() == label) {
        return d;
      }
    }
    throw new IllegalStateException("No digit " + label + " in the fixture after " + from);
  }

  private static List<Digit> load() {
    Path dir = Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"));
    try (DataInputStream images = open(dir.resolve("t10k-images-idx3-ubyte.gz"));
        DataInputStream labels = open(dir.resolve("t10k-labels-idx1-ubyte.gz"))) {
      if (images.readInt() != 2051 || labels.readInt() != 2049) {
        throw new IllegalStateException("Not MNIST IDX files in " + dir.toAbsolutePath());
      }
      int count = Math.min(images.readInt(), labels.readInt());
      if (images.readInt() != 28 || images.readInt() != 28) {
        throw new IllegalStateException(
            "MNIST images in " + dir.toAbsolutePath() + " are not 28x28");
      }
      List<Digit> digits = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] pixels = new byte[784];
        images.readFully(pixels);
        digits.add(new Digit(i, labels.readUnsignedByte(), pixels));
      }
      return List.copyOf(digits);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the MNIST fixture in " + dir.toAbsolutePath(), e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
  }
}
