package io.github.mnistkit.trainer.train;

import java.util.Random;

/**
 * Small random affine distortions of 28×28 digits (shift ±2 px, rotation ±12°, scale 0.9–1.1),
 * sampled bilinearly around the image centre. Keeps models honest on off-centre or slanted digits.
 */
final class Augmenter {
  private static final int SIZE = 28;
  private static final double MAX_SHIFT = 2.0;
  private static final double MAX_ROTATION = Math.toRadians(12);
  private static final double MAX_SCALE_CHANGE = 0.1;

  private Augmenter() {}

  static void distort(float[] src, int srcOffset, float[] dst, int dstOffset, Random random) {
    double angle = (random.nextDouble() * 2 - 1) * MAX_ROTATION;
    double scale = 1 + (random.nextDouble() * 2 - 1) * MAX_SCALE_CHANGE;
    double dx = (random.nextDouble() * 2 - 1) * MAX_SHIFT;
    double dy = (random.nextDouble() * 2 - 1) * MAX_SHIFT;
    double cos = Math.cos(angle) / scale;
    double sin = Math.sin(angle) / scale;
    double centre = (SIZE - 1) / 2.0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        // inverse mapping: where in the source does this output pixel come from
        double ox = x - centre - dx;
        double oy = y - centre - dy;
        double sx = cos * ox + sin * oy + centre;
        double sy = -sin * ox + cos * oy + centre;
        dst[dstOffset + y * SIZE + x] = sample(src, srcOffset, sx, sy);
      }
    }
  }

  private static float sample(float[] src, int offset, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top = pixel(src, offset, x0, y0) * (1 - fx) + pixel(src, offset, x0 + 1, y0) * fx;
    double bottom =
        pixel(src, offset, x0, y0 + 1) * (1 - fx) + pixel(src, offset, x0 + 1, y0 + 1) * fx;
    return (float) (top * (1 - fy) + bottom * fy);
  }

  private static float pixel(float[] src, int offset, int x, int y) {
    return x < 0 || y < 0 || x >= SIZE || y >= SIZE ? 0f : src[offset + y * SIZE + x];
  }
}
