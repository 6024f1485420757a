package io.github.mnistkit.sdk.image;

import java.util.List;

/**
 * The MNIST normalisation of one digit: crop to the ink, scale the longer side to 20 pixels keeping
 * the aspect ratio, and place it in a 28×28 field so that its centre of mass is at pixel (14, 14).
 * LeCun et al. prepared MNIST this way; their digits' centre of mass averages (14.0, 14.0) in pixel
 * indices.
 *
 * <p>Stroke width: MNIST strokes are about 2 pixels wide (twice area over perimeter averages 1.8 at
 * the 20-pixel scale, and no digit of the test set is below 0.9). A pen line in a large photo
 * scales down to a fraction of a pixel, a faint hairline the model has never seen, so strokes
 * thinner than {@value #MIN_STROKE} pixels at the 20-pixel scale are thickened (grey-level
 * dilation) to about {@value #TARGET_STROKE} pixels first. MNIST-like input is never thickened.
 */
final class DigitNormaliser {
  static final int BOX = 20;
  static final float MIN_STROKE = 0.75f;
  static final float TARGET_STROKE = 1.8f;
  private static final int CENTRE = DigitImage.SIZE / 2;

  private final boolean thickenThinStrokes;

  DigitNormaliser(boolean thickenThinStrokes) {
    this.thickenThinStrokes = thickenThinStrokes;
  }

  /** The digit made of {@code group}'s blobs, or a blank image if they hold no ink. */
  DigitImage normalise(InkMap ink, List<Blob> group, Box searched) {
    return normalise(ink, PieceMask.of(ink, group), strokeWidth(group), searched);
  }

  /** The digit made of the pixels of {@code piece}, or a blank image if they hold no ink. */
  DigitImage normalise(InkMap ink, PieceMask piece, Box searched) {
    return normalise(ink, piece, piece.strokeWidth(ink), searched);
  }

  private DigitImage normalise(InkMap ink, PieceMask piece, double strokeWidth, Box searched) {
    Patch patch = Patch.cut(ink, piece);
    if (patch == null) {
      return DigitImage.blank(searched);
    }
    Box source = patch.sourceBox(ink.image(), searched);
    double scale = (double) BOX / Math.max(patch.width, patch.height);
    if (thickenThinStrokes && strokeWidth * scale < MIN_STROKE) {
      int radius = (int) Math.round((TARGET_STROKE / scale - strokeWidth) / 2);
      radius = Math.max(1, Math.min(radius, Math.max(patch.width, patch.height) / 4));
      patch = patch.dilate(radius);
      scale = (double) BOX / Math.max(patch.width, patch.height);
    }
    int dw = Math.max(1, Math.min(BOX, (int) Math.round(patch.width * scale)));
    int dh = Math.max(1, Math.min(BOX, (int) Math.round(patch.height * scale)));
    float[] small = Resampler.resize(patch.values, patch.width, patch.height, dw, dh);
    normalisePeak(small);
    return DigitImage.wrap(centreByMass(small, dw, dh), source);
  }

  /** Twice the area over the perimeter: the width of a long stroke, in working pixels. */
  private static double strokeWidth(List<Blob> group) {
    long area = 0;
    long perimeter = 0;
    for (Blob b : group) {
      area += b.area();
      perimeter += b.perimeter();
    }
    return perimeter == 0 ? 1 : 2.0 * area / perimeter;
  }

  /**
   * MNIST stroke cores are at full intensity; area-averaging thin strokes would leave them grey.
   */
  private static void normalisePeak(float[] values) {
    float max = 0f;
    for (float v : values) {
      max = Math.max(max, v);
    }
    if (max > 0f && max < 1f) {
      for (int i = 0; i < values.length; i++) {
        values[i] = Math.min(1f, values[i] / max);
      }
    }
  }

  private static float[] centreByMass(float[] values, int w, int h) {
    InkCentre centre = InkCentre.of(values, w, h);
    int size = DigitImage.SIZE;
    // Rounded to whole pixels, as in MNIST: a sub-pixel shift would blur the strokes.
    int ox = (int) Math.round(CENTRE - centre.x());
    int oy = (int) Math.round(CENTRE - centre.y());
    ox = Math.max(0, Math.min(ox, size - w));
    oy = Math.max(0, Math.min(oy, size - h));
    float[] out = new float[DigitImage.PIXELS];
    for (int y = 0; y < h; y++) {
      System.arraycopy(values, y * w, out, (oy + y) * size + ox, w);
    }
    return out;
  }

  /** The ink strength of a group's blobs (and their 1-pixel surroundings) cropped to its extent. */
  private static final class Patch {
    final float[] values;
    final int width;
    final int height;
    final int x0;
    final int y0;

    private Patch(float[] values, int width, int height, int x0, int y0) {
      this.values = values;
      this.width = width;
      this.height = height;
      this.x0 = x0;
      this.y0 = y0;
    }

    /** Null when no pixel of the piece has positive strength. */
    static Patch cut(InkMap ink, PieceMask piece) {
      int w = ink.image().width();
      int h = ink.image().height();
      float[] strength = ink.strength();
      // One pixel of margin keeps the anti-aliased stroke edges that fall below the mask threshold.
      int minX = Math.max(0, piece.minX() - 1);
      int minY = Math.max(0, piece.minY() - 1);
      int maxX = Math.min(w - 1, piece.maxX() + 1);
      int maxY = Math.min(h - 1, piece.maxY() + 1);
      int tx0 = Integer.MAX_VALUE;
      int ty0 = Integer.MAX_VALUE;
      int tx1 = -1;
      int ty1 = -1;
      int bw = maxX - minX + 1;
      float[] box = new float[bw * (maxY - minY + 1)];
      for (int y = minY; y <= maxY; y++) {
        for (int x = minX; x <= maxX; x++) {
          float v = strength[y * w + x];
          if (v > 0f && piece.near(x, y)) {
            box[(y - minY) * bw + (x - minX)] = v;
            tx0 = Math.min(tx0, x);
            tx1 = Math.max(tx1, x);
            ty0 = Math.min(ty0, y);
            ty1 = Math.max(ty1, y);
          }
        }
      }
      if (tx1 < 0) {
        return null;
      }
      int cw = tx1 - tx0 + 1;
      int ch = ty1 - ty0 + 1;
      float[] values = new float[cw * ch];
      for (int y = 0; y < ch; y++) {
        System.arraycopy(box, (ty0 - minY + y) * bw + (tx0 - minX), values, y * cw, cw);
      }
      return new Patch(values, cw, ch, tx0, ty0);
    }

    /** The patch's extent in source-image pixels. */
    Box sourceBox(GrayImage image, Box searched) {
      int k = image.scale();
      int x = x0 * k;
      int y = y0 * k;
      int right = Math.min(searched.right(), (x0 + width) * k);
      int bottom = Math.min(searched.bottom(), (y0 + height) * k);
      return new Box(x, y, right - x, bottom - y);
    }

    /** Grey-level dilation with a (2r+1)² square, growing the patch by r on every side. */
    Patch dilate(int r) {
      int w = width + 2 * r;
      int h = height + 2 * r;
      float[] padded = new float[w * h];
      for (int y = 0; y < height; y++) {
        System.arraycopy(values, y * width, padded, (y + r) * w + r, width);
      }
      float[] across = new float[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float max = 0f;
          for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
            max = Math.max(max, padded[y * w + k]);
          }
          across[y * w + x] = max;
        }
      }
      float[] out = new float[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float max = 0f;
          for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
            max = Math.max(max, across[k * w + x]);
          }
          out[y * w + x] = max;
        }
      }
      return new Patch(out, w, h, x0 - r, y0 - r);
    }
  }
}
