package io.github.mnistkit.sdk.image;

/**
 * Resizes a float image, separably: an axis that shrinks is area-averaged (each output pixel is the
 * mean of the source area it covers, so thin strokes turn grey instead of vanishing, as in MNIST's
 * anti-aliasing); an axis that grows is linearly interpolated.
 */
final class Resampler {
  private Resampler() {}

  static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
    if (sw == dw && sh == dh) {
      return src.clone();
    }
    Taps horizontal = Taps.of(sw, dw);
    Taps vertical = Taps.of(sh, dh);
    float[] rows = new float[dw * sh];
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < dw; x++) {
        rows[y * dw + x] = horizontal.apply(src, y * sw, 1, x);
      }
    }
    float[] out = new float[dw * dh];
    for (int y = 0; y < dh; y++) {
      for (int x = 0; x < dw; x++) {
        out[y * dw + x] = vertical.apply(rows, x, dw, y);
      }
    }
    return out;
  }

  /** For each output index: the first source index and the weights of consecutive sources. */
  private record Taps(int[] first, float[][] weights) {
    static Taps of(int src, int dst) {
      int[] first = new int[dst];
      float[][] weights = new float[dst][];
      double scale = (double) src / dst;
      for (int i = 0; i < dst; i++) {
        if (dst < src) {
          double a = i * scale;
          double b = (i + 1) * scale;
          int j0 = (int) Math.floor(a);
          int j1 = Math.min(src, (int) Math.ceil(b));
          first[i] = j0;
          weights[i] = new float[j1 - j0];
          for (int j = j0; j < j1; j++) {
            double overlap = Math.min(b, j + 1) - Math.max(a, j);
            weights[i][j - j0] = (float) (overlap / scale);
          }
        } else {
          double pos = Math.max(0, Math.min(src - 1, (i + 0.5) * scale - 0.5));
          int j0 = Math.min((int) Math.floor(pos), Math.max(0, src - 2));
          float frac = (float) (pos - j0);
          first[i] = j0;
          weights[i] = src == 1 ? new float[] {1f} : new float[] {1f - frac, frac};
        }
      }
      return new Taps(first, weights);
    }

    /** The weighted sum for output {@code i}, reading {@code data[offset + stride * j]}. */
    float apply(float[] data, int offset, int stride, int i) {
      float[] w = weights[i];
      int j = first[i];
      float sum = 0f;
      for (int k = 0; k < w.length; k++) {
        sum += w[k] * data[offset + stride * (j + k)];
      }
      return sum;
    }
  }
}
