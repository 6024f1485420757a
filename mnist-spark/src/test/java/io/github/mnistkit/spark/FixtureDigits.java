package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Real MNIST test digits from the committed fixture (test-data/mnist), as PNG images. */
public final class FixtureDigits {
  public static final Path DIRECTORY =
      Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"));
  private static IdxDataset test;

  private FixtureDigits() {}

  public static synchronized IdxDataset test() {
    if (test == null) {
      test =
          IdxReader.read(
              DIRECTORY.resolve("t10k-images-idx3-ubyte.gz"),
              DIRECTORY.resolve("t10k-labels-idx1-ubyte.gz"));
    }
    return test;
  }

  public static int label(int index) {
    return test().label(index);
  }

  /** The digit as MNIST stores it (white on black, 28×28), as a grey PNG. */
  public static byte[] png(int index) {
    return png(test(), index);
  }

  public static byte[] png(IdxDataset data, int index) {
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setDataElements(0, 0, 28, 28, data.imageBytes(index));
    return encode(image);
  }

  /** Writes digits {@code 0 … count-1} as {@code digit-<index>.png}; returns the files in order. */
  public static List<Path> writePngs(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    List<Path> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Path file = folder.resolve(String.format("digit-%05d.png", i));
      Files.write(file, png(i));
      files.add(file);
    }
    return files;
  }

  /**
   * The digits at {@code indices}, dark ink on white paper, side by side with gaps, as one PNG: a
   * number such as an amount on a form.
   */
  public static byte[] numberPng(int... indices) {
    int cell = 28;
    int gap = 10;
    int margin = 12;
    BufferedImage page =
        new BufferedImage(
            2 * margin + indices.length * cell + (indices.length - 1) * gap,
            2 * margin + cell,
            BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    g.dispose();
    for (int d = 0; d < indices.length; d++) {
      byte[] pixels = test().imageBytes(indices[d]);
      int left = margin + d * (cell + gap);
      for (int i = 0; i < pixels.length; i++) {
        int ink = pixels[i] & 0xFF;
        page.getRaster().setSample(left + i % 28, margin + i / 28, 0, 255 - ink);
      }
    }
    return encode(page);
  }

  /**
   * Dark marks on white paper as a PNG, left to right: a fixture digit for each index ≥ 0, and for
   * each negative one a solid bar of ink (which {@code RefusingModels.byCentreInk} refuses), too
   * narrow for the segmenter to cut; each in a 56 px cell, 28 px apart.
   */
  public static byte[] numberWithBarsPng(int... indices) {
    int size = 56;
    int gap = size / 2;
    int margin = size / 4;
    BufferedImage page =
        new BufferedImage(
            2 * margin + indices.length * size + (indices.length - 1) * gap,
            2 * margin + size,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    for (int d = 0; d < indices.length; d++) {
      int left = margin + d * (size + gap);
      if (indices[d] < 0) {
        g.setColor(Color.BLACK);
        g.fillRect(left + 18, margin + 8, 20, size - 16);
        continue;
      }
      byte[] pixels = test().imageBytes(indices[d]);
      for (int i = 0; i < pixels.length; i++) {
        int v = 255 - (pixels[i] & 0xFF);
        g.setColor(new Color(v, v, v));
        g.fillRect(left + 2 * (i % 28), margin + 2 * (i / 28), 2, 2);
      }
    }
    g.dispose();
    return encode(page);
  }

  public static byte[] encode(BufferedImage image) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
