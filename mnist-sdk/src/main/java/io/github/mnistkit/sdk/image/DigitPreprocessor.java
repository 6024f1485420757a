package io.github.mnistkit.sdk.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns real-world images of handwritten digits (photos, scans, canvas drawings, MNIST samples)
 * into MNIST input, the way MNIST itself was prepared.
 *
 * <ol>
 *   <li>Grey levels at working resolution: images larger than {@link Builder#maxWorkingSide} are
 *       box-averaged down first. Transparent pixels become the background: dark strokes on a
 *       transparent canvas are composited onto white, light ones onto black.
 *   <li>Ink: the class of grey levels covering most of the image (after Otsu's split; the border
 *       decides close calls) is the background. Darkness is measured against a local background
 *       estimate so that uneven lighting is not ink, binarised with Otsu's threshold but never
 *       below {@link Builder#minContrast}, and components that are tiny relative to the image or to
 *       the largest component are dropped as specks.
 *   <li>Normalisation: crop to the ink, scale the longer side to 20 pixels keeping the aspect ratio
 *       (area-averaged grey-level ink strength, so strokes stay soft like MNIST's), and shift by
 *       whole pixels so that the centre of mass is at (14, 14) in 28×28.
 * </ol>
 *
 * An image without ink (a blank page, an empty canvas, a uniform colour, only specks) gives a
 * {@linkplain DigitImage#isBlank() blank} result, never a made-up digit.
 *
 * <p>Immutable and thread-safe; the results are deterministic, so one instance can be shared,
 * including for preparing training images.
 */
public final class DigitPreprocessor {
  private final int maxWorkingSide;
  private final float minContrast;
  private final DigitNormaliser normaliser;

  private DigitPreprocessor(Builder builder) {
    this.maxWorkingSide = builder.maxWorkingSide;
    this.minContrast = builder.minContrast;
    this.normaliser = new DigitNormaliser(builder.thickenThinStrokes);
  }

  /** A preprocessor with the default settings. */
  public static DigitPreprocessor create() {
    return builder().build();
  }

  /** A builder for tuning the preprocessing; its defaults are those of {@link #create()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The whole image as one digit: all ink found, cropped and normalised. Blank when no ink is
   * found.
   */
  public DigitImage toDigit(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    InkMap ink = detect(image);
    Box searched = new Box(0, 0, image.getWidth(), image.getHeight());
    return ink.isBlank()
        ? DigitImage.blank(searched)
        : normaliser.normalise(ink, ink.blobs(), searched);
  }

  /**
   * The digits of a horizontal row, left to right, each normalised like {@link #toDigit}, with
   * {@link DigitImage#sourceBox()} locating it in {@code image}. Empty when no ink is found.
   *
   * <p>Digits are told apart by connected ink. Pieces whose horizontal extents overlap by at least
   * half the narrower one's width are one digit (a "5" with a detached bar); a piece with less than
   * a tenth of the largest digit's ink joins the nearest digit if it is within half that digit's
   * height and is dropped otherwise. Digits written so that they touch come out as one.
   */
  public List<DigitImage> toDigitRow(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    InkMap ink = detect(image);
    if (ink.isBlank()) {
      return List.of();
    }
    Box searched = new Box(0, 0, image.getWidth(), image.getHeight());
    List<DigitImage> digits = new ArrayList<>();
    for (List<Blob> group : RowSegmenter.split(ink.blobs())) {
      DigitImage digit = normaliser.normalise(ink, group, searched);
      if (!digit.isBlank()) {
        digits.add(digit);
      }
    }
    return List.copyOf(digits);
  }

  /** The long side, in pixels, to which larger images are box-averaged before ink detection. */
  public int maxWorkingSide() {
    return maxWorkingSide;
  }

  /**
   * The candidate digits of a horizontal row for recognition-driven segmentation: every plausible
   * way of cutting touching digits apart and joining broken pieces, to be classified in one batch
   * and chosen from with {@link RowCandidates#bestPath}. See {@link RowCandidates}.
   */
  public RowCandidates toRowCandidates(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    InkMap ink = detect(image);
    return RowCandidates.of(ink, normaliser, new Box(0, 0, image.getWidth(), image.getHeight()));
  }

  /**
   * The ink this preprocessor finds in {@code image} (after ruling lines are removed, specks
   * dropped), black on white at working resolution: for display and debugging.
   */
  public BufferedImage inkMask(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    InkMap ink = detect(image);
    GrayImage gray = ink.image();
    BufferedImage mask =
        new BufferedImage(gray.width(), gray.height(), BufferedImage.TYPE_BYTE_GRAY);
    int[] samples = new int[gray.width() * gray.height()];
    java.util.Arrays.fill(samples, 255);
    for (Blob b : ink.blobs()) {
      for (int y = b.minY(); y <= b.maxY(); y++) {
        for (int x = b.minX(); x <= b.maxX(); x++) {
          int i = y * gray.width() + x;
          if (ink.labels()[i] == b.label()) {
            samples[i] = 0;
          }
        }
      }
    }
    mask.getRaster().setSamples(0, 0, gray.width(), gray.height(), 0, samples);
    return mask;
  }

  private InkMap detect(BufferedImage image) {
    return InkMap.detect(GrayImage.of(image, maxWorkingSide), minContrast * 255f);
  }

  /** Settings for {@link DigitPreprocessor}. */
  public static final class Builder {
    private int maxWorkingSide = 512;
    private float minContrast = 0.125f;
    private boolean thickenThinStrokes = true;

    private Builder() {}

    /**
     * Images whose longer side exceeds this are box-averaged down by a whole factor before ink
     * detection (default 512). Larger values keep finer pen strokes in big photos and cost time
     * quadratically.
     */
    public Builder maxWorkingSide(int pixels) {
      if (pixels < 32) {
        throw new IllegalArgumentException("maxWorkingSide must be at least 32, got " + pixels);
      }
      this.maxWorkingSide = pixels;
      return this;
    }

    /**
     * The least difference between ink and its surrounding background, as a fraction of the full
     * grey range, for something to count as ink (default 0.125, i.e. 32 of 255 levels). Raise it
     * for noisy photos, lower it for faint pencil.
     */
    public Builder minContrast(float fraction) {
      if (!(fraction > 0f && fraction < 1f)) {
        throw new IllegalArgumentException("minContrast must lie in (0, 1), got " + fraction);
      }
      this.minContrast = fraction;
      return this;
    }

    /**
     * Whether strokes much thinner than MNIST's (a fine pen in a large photo) are thickened to
     * about 2 pixels at the 20-pixel scale (default true).
     */
    public Builder thickenThinStrokes(boolean enabled) {
      this.thickenThinStrokes = enabled;
      return this;
    }

    public DigitPreprocessor build() {
      return new DigitPreprocessor(this);
    }
  }
}
