package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/** Real MNIST test digits from the committed fixture, as images people would give the tool. */
public final class Digits {
  public static final Path FIXTURE =
      Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"))
          .toAbsolutePath()
          .normalize();
  public static final IdxDataset TEST =
      IdxReader.read(
          FIXTURE.resolve("t10k-images-idx3-ubyte.gz"),
          FIXTURE.resolve("t10k-labels-idx1-ubyte.gz"));

  private Digits() {}

  public static int label(int index) {
    return TEST.label(index);
  }

  /**
   * Test digit {@code index} as dark ink on white paper, scaled to {@code size}×{@code size}
   * pixels.
   */
  public static BufferedImage onPaper(int index, int size) {
    return row(new int[] {index}, size, 0);
  }

  /** Digits side by side on white paper, each {@code size} px, with {@code gap} px between them. */
  public static BufferedImage row(int[] indices, int size, int gap) {
    int margin = size / 4;
    BufferedImage page =
        new BufferedImage(
            2 * margin + indices.length * size + (indices.length - 1) * gap,
            size + 2 * margin,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    for (int i = 0; i < indices.length; i++) {
      g.drawImage(inverted(indices[i]), margin + i * (size + gap), margin, size, size, null);
    }
    g.dispose();
    return page;
  }

  /**
   * Dark marks on white paper, left to right: the test digit at each index ≥ 0, and for each
   * negative one a solid bar of ink (which {@code RefusingModels.byCentreInk} refuses), too narrow
   * for the segmenter to cut; each in a 56 px cell, 28 px apart.
   */
  public static BufferedImage rowWithBars(int... indices) {
    int size = 56;
    BufferedImage page =
        row(Arrays.stream(indices).map(i -> Math.max(i, 0)).toArray(), size, size / 2);
    Graphics2D g = page.createGraphics();
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0) {
        g.setColor(Color.WHITE);
        g.fillRect(size / 4 + i * (size + size / 2), size / 4, size, size);
        g.setColor(Color.BLACK);
        g.fillRect(size / 4 + i * (size + size / 2) + 18, size / 4 + 8, 20, size - 16);
      }
    }
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

  public static byte[] png(BufferedImage image) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes test digits 0 … count-1 as {@code folder/NNN-label.png}; returns the files in order. */
  public static List<Path> writeFolder(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path file = folder.resolve(String.format("%03d-%d.png", i, label(i)));
      Files.write(file, png(onPaper(i, 112)));
      files.add(file);
    }
    return files;
  }

  /**
   * Horizontal runs of ink (value at least {@code threshold}) per row: {y, xStart, xEnd} in 28×28
   * pixels.
   */
  public static List<int[]> inkRuns(int index, int threshold) {
    byte[] bytes = TEST.imageBytes(index);
    List<int[]> runs = new ArrayList<>();
    for (int y = 0; y < 28; y++) {
      int start = -1;
      for (int x = 0; x <= 28; x++) {
        boolean ink = x < 28 && (bytes[y * 28 + x] & 0xFF) >= threshold;
        if (ink && start < 0) {
          start = x;
        } else if (!ink && start >= 0) {
          runs.add(new int[] {y, start, x - 1});
          start = -1;
        }
      }
    }
    return runs;
  }
}
