package io.github.mnistkit.sdk.data;

import io.github.mnistkit.sdk.ModelMetadata;
import java.util.Objects;

/**
 * Images and labels read from a pair of IDX files (MNIST, Fashion-MNIST): unsigned 8-bit pixels,
 * 28×28, ink = 255, exactly as stored on disk.
 */
public final class IdxDataset {
  public static final int ROWS = 28;
  public static final int COLS = 28;
  public static final int PIXELS = ROWS * COLS;

  /** The label of training images that hold no digit (an 11th class), allowed next to 0–9. */
  public static final int NOT_A_DIGIT = ModelMetadata.NOT_A_DIGIT_CLASS;

  private final byte[] pixels;
  private final byte[] labels;

  IdxDataset(byte[] pixels, byte[] labels) {
    if (pixels.length != labels.length * PIXELS) {
      throw new IllegalArgumentException(
          pixels.length + " pixel bytes do not hold " + labels.length + " images of 28×28");
    }
    this.pixels = pixels;
    this.labels = labels;
  }

  /**
   * A data set from raw pixels (784 unsigned bytes per image, ink = 255) and labels 0–9, or {@link
   * ModelMetadata#NOT_A_DIGIT_CLASS} for training images that are not digits; the arrays are
   * copied.
   */
  public static IdxDataset of(byte[] pixels, byte[] labels) {
    for (byte label : labels) {
      if (label < 0 || label > NOT_A_DIGIT) {
        throw new IllegalArgumentException(
            "label " + label + " is outside 0–9 and is not the 'not a digit' label 10");
      }
    }
    return new IdxDataset(pixels.clone(), labels.clone());
  }

  /** This data set followed by {@code other}. */
  public IdxDataset concat(IdxDataset other) {
    byte[] p = java.util.Arrays.copyOf(pixels, pixels.length + other.pixels.length);
    System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
    byte[] l = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
    System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
    return new IdxDataset(p, l);
  }

  public int size() {
    return labels.length;
  }

  public int label(int index) {
    Objects.checkIndex(index, labels.length);
    return labels[index];
  }

  /** The 784 raw bytes of image {@code index} (a copy). */
  public byte[] imageBytes(int index) {
    byte[] out = new byte[PIXELS];
    System.arraycopy(pixels, Objects.checkIndex(index, labels.length) * PIXELS, out, 0, PIXELS);
    return out;
  }

  /** Writes image {@code index} as floats in [0,1] into {@code dst} at {@code offset}. */
  public void copyImage(int index, float[] dst, int offset) {
    int from = Objects.checkIndex(index, labels.length) * PIXELS;
    for (int i = 0; i < PIXELS; i++) {
      dst[offset + i] = (pixels[from + i] & 0xFF) / 255f;
    }
  }

  /** The first {@code count} images (or all, if fewer). */
  public IdxDataset head(int count) {
    int n = Math.min(count, size());
    byte[] p = new byte[n * PIXELS];
    byte[] l = new byte[n];
    System.arraycopy(pixels, 0, p, 0, p.length);
    System.arraycopy(labels, 0, l, 0, n);
    return new IdxDataset(p, l);
  }

  /** The images at {@code indices}, in that order. */
  public IdxDataset select(int[] indices) {
    byte[] p = new byte[indices.length * PIXELS];
    byte[] l = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int index = Objects.checkIndex(indices[i], labels.length);
      System.arraycopy(pixels, index * PIXELS, p, i * PIXELS, PIXELS);
      l[i] = labels[index];
    }
    return new IdxDataset(p, l);
  }

  /**
   * Counts of each label 0..9; 11 counts (the last for {@link #NOT_A_DIGIT}) when the set holds
   * such images.
   */
  public int[] labelCounts() {
    int[] counts = new int[NOT_A_DIGIT + 1];
    for (byte label : labels) {
      counts[label]++;
    }
    return counts[NOT_A_DIGIT] == 0 ? java.util.Arrays.copyOf(counts, NOT_A_DIGIT) : counts;
  }
}
