package io.github.mnistkit.sdk.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the ink is in a {@link GrayImage}, and how strong it is.
 *
 * <ol>
 *   <li>Polarity. Otsu's threshold splits the grey levels in two; the class covering most of the
 *       image is the background (ink rarely covers half a page). When the split is close (40–60 %),
 *       as for a tightly cropped bold digit, the class covering most of the border decides.
 *   <li>Darkness relative to the local background ({@link BackgroundSurface}), so that a lighting
 *       gradient or a shadow is not ink and faint ink in a dark corner still is.
 *   <li>Mask: relative darkness above Otsu's threshold of the relative darkness, and never below
 *       the minimum contrast, so a blank, noisy or uniform page has no ink.
 *   <li>Specks: components smaller than 3 pixels, 0.05 % of the image or 3 % of the largest
 *       component are dropped (dust, paper grain, JPEG noise); if nothing is left the image is
 *       blank.
 *   <li>Strength, for MNIST-like soft strokes: relative darkness mapped linearly from the median of
 *       the non-ink pixels (0) to the median of the ink pixels (1), so anti-aliased stroke edges
 *       keep their intermediate grey instead of a hard binary edge.
 * </ol>
 *
 * @param image the analysed working image
 * @param strength per pixel ink strength in [0, 1]; meaningful near kept blobs only
 * @param labels per pixel component label, 0 outside the mask (dropped specks keep their label)
 * @param blobs the kept components (not specks), in label order; empty when the image is blank
 */
record InkMap(GrayImage image, float[] strength, int[] labels, List<Blob> blobs) {
  private static final int MIN_SPECK_PIXELS = 3;
  private static final double SPECK_OF_IMAGE = 0.0005;
  private static final double SPECK_OF_LARGEST = 0.03;

  boolean isBlank() {
    return blobs.isEmpty();
  }

  /**
   * @param minContrast the least darkness difference, in grey levels, that counts as ink
   */
  static InkMap detect(GrayImage image, float minContrast) {
    float[] gray = image.gray();
    Histogram levels = Histogram.of(gray);
    int lo = levels.percentile(0);
    int hi = levels.percentile(1);
    if (hi - lo < minContrast) {
      return blank(image); // uniform
    }
    int split = levels.otsuThreshold();
    boolean lightBackground = isLightBackground(levels, gray, image.width(), image.height(), split);
    float contrast = (float) (levels.mean(split + 1, 255, hi) - levels.mean(0, split, lo));
    float[] relative =
        relativeDarkness(image, lightBackground, Math.max(minContrast, contrast / 2));

    float threshold = Math.max(Histogram.of(relative).otsuThreshold() + 0.5f, minContrast);
    boolean[] mask = new boolean[relative.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = relative[i] > threshold;
    }
    RulingLines.remove(mask, relative, image.width(), image.height(), threshold);
    int[] labels = new int[mask.length];
    List<Blob> all = Components.label(mask, image.width(), image.height(), labels);
    List<Blob> blobs = withoutSpecks(all, mask.length);
    if (blobs.isEmpty()) {
      return blank(image);
    }
    return new InkMap(image, strength(relative, mask, labels, all.size(), blobs), labels, blobs);
  }

  /** How much darker (in the ink's polarity) each pixel is than its local background, ≥ 0. */
  private static float[] relativeDarkness(
      GrayImage image, boolean lightBackground, float tolerance) {
    float[] gray = image.gray();
    float[] darkness = new float[gray.length];
    for (int i = 0; i < gray.length; i++) {
      darkness[i] = lightBackground ? 255f - gray[i] : gray[i];
    }
    float[] background =
        BackgroundSurface.estimate(darkness, image.width(), image.height(), tolerance);
    for (int i = 0; i < darkness.length; i++) {
      darkness[i] = Math.max(0f, darkness[i] - background[i]);
    }
    return darkness;
  }

  private static InkMap blank(GrayImage image) {
    return new InkMap(image, new float[0], new int[0], List.of());
  }

  /** {@code levels} is the histogram of {@code gray}. */
  private static boolean isLightBackground(
      Histogram levels, float[] gray, int w, int h, int split) {
    double lightShare = (double) levels.countAbove(split) / gray.length;
    if (Math.abs(lightShare - 0.5) >= 0.1) {
      return lightShare > 0.5;
    }
    int ring = Math.max(1, Math.min(w, h) / 50);
    int border = 0;
    int borderLight = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (x < ring || y < ring || x >= w - ring || y >= h - ring) {
          border++;
          borderLight += Histogram.bin(gray[y * w + x]) > split ? 1 : 0;
        }
      }
    }
    double borderShare = (double) borderLight / border;
    return borderShare == 0.5 ? lightShare > 0.5 : borderShare > 0.5;
  }

  private static List<Blob> withoutSpecks(List<Blob> all, int imageArea) {
    int largest = 0;
    for (Blob b : all) {
      largest = Math.max(largest, b.area());
    }
    double minArea =
        Math.max(
            MIN_SPECK_PIXELS, Math.max(SPECK_OF_IMAGE * imageArea, SPECK_OF_LARGEST * largest));
    List<Blob> kept = new ArrayList<>();
    for (Blob b : all) {
      if (b.area() >= minArea) {
        kept.add(b);
      }
    }
    return List.copyOf(kept);
  }

  private static float[] strength(
      float[] relative, boolean[] mask, int[] labels, int labelCount, List<Blob> blobs) {
    boolean[] kept = new boolean[labelCount + 1];
    for (Blob b : blobs) {
      kept[b.label()] = true;
    }
    Histogram paper = new Histogram();
    Histogram ink = new Histogram();
    for (int i = 0; i < relative.length; i++) {
      if (!mask[i]) {
        paper.add(relative[i]);
      } else if (kept[labels[i]]) {
        ink.add(relative[i]);
      }
    }
    float zero = paper.total() == 0 ? 0f : paper.percentile(0.5);
    float one = ink.percentile(0.5);
    float range = Math.max(1f, one - zero);
    float[] strength = new float[relative.length];
    for (int i = 0; i < relative.length; i++) {
      strength[i] = Math.max(0f, Math.min(1f, (relative[i] - zero) / range));
    }
    return strength;
  }
}
