package io.github.mnistkit.sdk.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.Objects;

/**
 * A 28×28 image in MNIST form: row-major floats in [0, 1], ink = 1, background = 0 (a white digit
 * on black, like the MNIST data set). Immutable.
 */
public final class DigitImage {
  /** Width and height in pixels. */
  public static final int SIZE = 28;

  /** Number of pixels, {@code SIZE * SIZE}. */
  public static final int PIXELS = SIZE * SIZE;

  /**
   * The steepest slant {@link #deskewed()} straightens, in pixels sideways per pixel down (1: 45°);
   * handwriting slants far less.
   */
  public static final double MAX_DESKEW_SHEAR = 1.0;

  private final float[] pixels;
  private final Box sourceBox;
  private final boolean blank;

  private DigitImage(float[] pixels, Box sourceBox) {
    this.pixels = pixels;
    this.sourceBox = sourceBox;
    this.blank = allZero(pixels);
  }

  /**
   * An image from 784 row-major intensities in [0, 1], ink = 1. The array is copied.
   *
   * @throws IllegalArgumentException if the length is not 784 or a value is outside [0, 1] or NaN
   */
  public static DigitImage ofPixels(float[] pixels784) {
    Objects.requireNonNull(pixels784, "pixels784");
    requireLength(pixels784.length);
    for (int i = 0; i < pixels784.length; i++) {
      float v = pixels784[i];
      if (!(v >= 0f && v <= 1f)) {
        throw new IllegalArgumentException(
            "Pixel "
                + i
                + " (x="
                + i % SIZE
                + ", y="
                + i / SIZE
                + ") is "
                + v
                + "; digit pixels must lie in [0, 1] with ink = 1.");
      }
    }
    return new DigitImage(pixels784.clone(), null);
  }

  /**
   * An image from 784 row-major unsigned bytes as stored in the MNIST IDX files (0 = background,
   * 255 = ink); each byte is divided by 255.
   *
   * @throws IllegalArgumentException if the length is not 784
   */
  public static DigitImage ofMnistBytes(byte[] pixels784) {
    Objects.requireNonNull(pixels784, "pixels784");
    requireLength(pixels784.length);
    float[] p = new float[PIXELS];
    for (int i = 0; i < PIXELS; i++) {
      p[i] = (pixels784[i] & 0xFF) / 255f;
    }
    return new DigitImage(p, null);
  }

  /**
   * An all-background image: no ink was found.
   *
   * @param source the region of the source image that was searched, or {@code null}
   */
  public static DigitImage blank(Box source) {
    return new DigitImage(new float[PIXELS], source);
  }

  /** Takes ownership of {@code pixels}; for the preprocessor, which builds a fresh array. */
  static DigitImage wrap(float[] pixels, Box sourceBox) {
    requireLength(pixels.length);
    return new DigitImage(pixels, sourceBox);
  }

  /** A copy of the 784 row-major intensities. */
  public float[] pixels() {
    return pixels.clone();
  }

  /** The intensity at column {@code x}, row {@code y}. */
  public float pixel(int x, int y) {
    Objects.checkIndex(x, SIZE);
    Objects.checkIndex(y, SIZE);
    return pixels[y * SIZE + x];
  }

  /**
   * Copies the 784 intensities into {@code dst} starting at {@code offset}, without allocating; for
   * filling a batch buffer.
   */
  public void copyTo(float[] dst, int offset) {
    Objects.checkFromIndexSize(offset, PIXELS, dst.length);
    System.arraycopy(pixels, 0, dst, offset, PIXELS);
  }

  /** True when the image holds no ink at all (every pixel is 0). */
  public boolean isBlank() {
    return blank;
  }

  /**
   * Where in the source image the ink was, in source pixel coordinates; for a blank result the
   * region that was searched. {@code null} for images made by {@link #ofPixels} or {@link
   * #ofMnistBytes}.
   */
  public Box sourceBox() {
    return sourceBox;
  }

  /**
   * This digit sheared sideways so that its main axis stands upright (moment deskewing): each row
   * moves by −(its height below the centre of mass) × the covariance of x and y over the variance
   * of y, sampled linearly. A second view of a slanted digit for the classifier. {@code this} when
   * the image holds no ink, has no slant at all, or would need a shear steeper than {@value
   * #MAX_DESKEW_SHEAR} (a flat piece such as a dash, whose slant the moments do not measure). The
   * source box is kept.
   */
  public DigitImage deskewed() {
    InkCentre centre = InkCentre.of(pixels, SIZE, SIZE);
    if (centre.mass() == 0) {
      return this;
    }
    double mx = centre.x();
    double my = centre.y();
    double covariance = 0;
    double variance = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        float v = pixels[y * SIZE + x];
        covariance += v * (x - mx) * (y - my);
        variance += v * (y - my) * (y - my);
      }
    }
    double shear = variance == 0 ? 0 : covariance / variance;
    if (shear == 0 || Math.abs(shear) > MAX_DESKEW_SHEAR) {
      return this;
    }
    float[] out = new float[PIXELS];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        double from = x + shear * (y - my);
        int left = (int) Math.floor(from);
        double f = from - left;
        double v = (1 - f) * at(left, y) + f * at(left + 1, y);
        out[y * SIZE + x] = (float) Math.max(0, Math.min(1, v));
      }
    }
    return new DigitImage(out, sourceBox);
  }

  private float at(int x, int y) {
    return x < 0 || x >= SIZE ? 0f : pixels[y * SIZE + x];
  }

  /**
   * A 28×28 {@link BufferedImage#TYPE_BYTE_GRAY} rendering, ink white, for display or debugging.
   */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    int[] samples = new int[PIXELS];
    for (int i = 0; i < PIXELS; i++) {
      samples[i] = Math.round(pixels[i] * 255f);
    }
    raster.setSamples(0, 0, SIZE, SIZE, 0, samples);
    return image;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DigitImage other
        && Arrays.equals(pixels, other.pixels)
        && Objects.equals(sourceBox, other.sourceBox);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(pixels) + Objects.hashCode(sourceBox);
  }

  @Override
  public String toString() {
    double ink = 0;
    for (float v : pixels) {
      ink += v;
    }
    return blank
        ? "DigitImage[blank, sourceBox=" + sourceBox + "]"
        : String.format("DigitImage[ink=%.1f, sourceBox=%s]", ink, sourceBox);
  }

  private static void requireLength(int length) {
    if (length != PIXELS) {
      throw new IllegalArgumentException(
          "A digit image has " + PIXELS + " pixels (28x28), got " + length + ".");
    }
  }

  private static boolean allZero(float[] p) {
    for (float v : p) {
      if (v != 0f) {
        return false;
      }
    }
    return true;
  }
}
