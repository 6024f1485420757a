package io.github.mnistkit.trainer.train;

import java.util.Arrays;
import java.util.Random;

/**
 * Random distortions of 28×28 digits that imitate real handwriting. A share of {@value #P_CLEAN} of
 * the samples is only re-normalised (MNIST digits come out as they were); the others get each
 * distortion with its own probability, so that a good share stays mild:
 *
 * <ul>
 *   <li>stroke width (p {@value #P_STROKE}): thicker (partial 3×3 grey dilation) or thinner (grey
 *       edges darkened), see {@link StrokeWidth};
 *   <li>aspect (p {@value #P_ASPECT}): width/height 0.5–1.3, mostly near 1;
 *   <li>slant (p {@value #P_SLANT}): horizontal shear up to ±{@value #MAX_SHEAR};
 *   <li>rotation (p {@value #P_ROTATION}): up to ±10°;
 *   <li>elastic (p {@value #P_ELASTIC}): a smooth random displacement field (a coarse grid of
 *       displacements up to ±{@value ElasticField#MAX_DISPLACEMENT} px, bilinearly interpolated;
 *       the cheap form of Simard et al.'s blurred noise);
 *   <li>thin line (p {@value #P_LINE}): a 1-pixel line across the digit that erases ink or adds a
 *       faint stroke (a ruling line not fully removed).
 * </ul>
 *
 * <p>Inference normalises every digit like MNIST (the ink box's longer side scaled to 20 px keeping
 * the aspect ratio, centre of mass at pixel (14, 14), peak at full intensity), so a squeezed digit
 * reaches the model 20 px tall and narrow, never small and flat. The output is normalised the same
 * way: the geometric distortions are composed into one mapping whose scale and translation are
 * chosen from the distorted ink so that the result is already normalised, then sampled once.
 */
final class Augmenter {
  static final int SIZE = 28;
  static final int BOX = 20;
  static final double P_CLEAN = 0.2;
  static final double P_STROKE = 0.3;
  static final double P_ASPECT = 0.5;
  static final double P_SLANT = 0.5;
  static final double P_ROTATION = 0.5;
  static final double P_ELASTIC = 0.4;
  static final double P_LINE = 0.12;
  static final double MAX_SHEAR = 0.3;
  private static final double MAX_ROTATION = Math.toRadians(10);
  private static final double CENTRE = SIZE / 2.0;

  private Augmenter() {}

  static void distort(float[] src, int srcOffset, float[] dst, int dstOffset, Random random) {
    float[] source = new float[SIZE * SIZE];
    System.arraycopy(src, srcOffset, source, 0, source.length);
    if (random.nextDouble() < P_CLEAN) {
      normalise(source, linear(1, 0, 0), null, dst, dstOffset);
      return;
    }
    if (random.nextDouble() < P_STROKE) {
      StrokeWidth.change(source, random);
    }
    double aspect = random.nextDouble() < P_ASPECT ? aspect(random) : 1.0;
    double shear = random.nextDouble() < P_SLANT ? uniform(random, MAX_SHEAR) : 0.0;
    double angle = random.nextDouble() < P_ROTATION ? uniform(random, MAX_ROTATION) : 0.0;
    ElasticField field = random.nextDouble() < P_ELASTIC ? ElasticField.random(random) : null;
    float[] out = normalise(source, linear(aspect, shear, angle), field, dst, dstOffset);
    if (out != null && random.nextDouble() < P_LINE) {
      ThinLine.draw(out, random);
      normalisePeak(out);
      centreByMass(out, dst, dstOffset);
    }
  }

  /** The source mapped through the given aspect, slant and rotation only, normalised. */
  static void distort(float[] src, double aspect, double shear, double angle, float[] dst) {
    normalise(src.clone(), linear(aspect, shear, angle), null, dst, 0);
  }

  /**
   * Renders, normalises and writes the digit into {@code dst}; returns the rendered image before
   * centring (for further marks), or null when the source holds no ink (then copied as it is).
   */
  private static float[] normalise(
      float[] source, double[] linear, ElasticField field, float[] dst, int dstOffset) {
    float[] out = new float[SIZE * SIZE];
    if (!render(source, linear, field, out)) {
      System.arraycopy(source, 0, dst, dstOffset, SIZE * SIZE);
      return null;
    }
    normalisePeak(out);
    centreByMass(out, dst, dstOffset);
    return out;
  }

  /** Width over height: 60% narrower (0.5–1, mostly near 1), 40% wider (1–1.3). */
  static double aspect(Random random) {
    double u = random.nextDouble();
    return random.nextDouble() < 0.6 ? 1 - 0.5 * Math.pow(u, 1.5) : 1 + 0.3 * u;
  }

  private static double uniform(Random random, double limit) {
    return (random.nextDouble() * 2 - 1) * limit;
  }

  /** Rotation · shear · aspect, row-major 2×2. */
  static double[] linear(double aspect, double shear, double angle) {
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    // shear · aspect = [[aspect, shear], [0, 1]]
    return new double[] {cos * aspect, cos * shear - sin, sin * aspect, sin * shear + cos};
  }

  /**
   * Samples {@code source} through {@code linear} (and the elastic field, in source coordinates)
   * scaled and translated so that the result's ink box has a longer side of 20 px and its centre of
   * mass lies at the centre. False when the source holds no ink.
   */
  static boolean render(float[] source, double[] m, ElasticField field, float[] out) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    double mass = 0;
    double mx = 0;
    double my = 0;
    double[] moved = new double[2];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        float v = source[y * SIZE + x];
        if (v <= 0f) {
          continue;
        }
        double px = x;
        double py = y;
        if (field != null) {
          field.displacement(x, y, moved);
          px += moved[0];
          py += moved[1];
        }
        double qx = m[0] * px + m[1] * py;
        double qy = m[2] * px + m[3] * py;
        minX = Math.min(minX, qx);
        maxX = Math.max(maxX, qx);
        minY = Math.min(minY, qy);
        maxY = Math.max(maxY, qy);
        mass += v;
        mx += v * qx;
        my += v * qy;
      }
    }
    if (mass == 0) {
      return false;
    }
    // The pixel centres of the longer side span BOX - 1, so its ink covers BOX pixels.
    double scale = (BOX - 1) / Math.max(1, Math.max(maxX - minX, maxY - minY));
    double tx = CENTRE - scale * mx / mass;
    double ty = CENTRE - scale * my / mass;
    // Whole-pixel alignment of the box keeps an undistorted digit as sharp as it was.
    tx += Math.round(scale * minX + tx) - (scale * minX + tx);
    ty += Math.round(scale * minY + ty) - (scale * minY + ty);
    double det = m[0] * m[3] - m[1] * m[2];
    double i00 = m[3] / (det * scale);
    double i01 = -m[1] / (det * scale);
    double i10 = -m[2] / (det * scale);
    double i11 = m[0] / (det * scale);
    // Outside the mapped ink box there is only the fringe of bilinear sampling: MNIST crops it.
    int left = (int) Math.round(scale * minX + tx);
    int top = (int) Math.round(scale * minY + ty);
    int right = (int) Math.ceil(scale * maxX + tx - 1e-6);
    int bottom = (int) Math.ceil(scale * maxY + ty - 1e-6);
    Arrays.fill(out, 0f);
    for (int y = Math.max(0, top); y <= Math.min(SIZE - 1, bottom); y++) {
      for (int x = Math.max(0, left); x <= Math.min(SIZE - 1, right); x++) {
        double ox = x - tx;
        double oy = y - ty;
        double sx = i00 * ox + i01 * oy;
        double sy = i10 * ox + i11 * oy;
        if (field != null) {
          // inverse of p -> p + d(p) by fixed-point steps p = q - d(p); the field is smooth
          double qx = sx;
          double qy = sy;
          for (int step = 0; step < 2; step++) {
            field.displacement(sx, sy, moved);
            sx = qx - moved[0];
            sy = qy - moved[1];
          }
        }
        out[y * SIZE + x] = sample(source, sx, sy);
      }
    }
    return true;
  }

  private static float sample(float[] src, double x, double y) {
    if (x <= -1 || y <= -1 || x >= SIZE || y >= SIZE) {
      return 0f;
    }
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top = pixel(src, x0, y0) * (1 - fx) + pixel(src, x0 + 1, y0) * fx;
    double bottom = pixel(src, x0, y0 + 1) * (1 - fx) + pixel(src, x0 + 1, y0 + 1) * fx;
    return (float) (top * (1 - fy) + bottom * fy);
  }

  private static float pixel(float[] src, int x, int y) {
    return x < 0 || y < 0 || x >= SIZE || y >= SIZE ? 0f : src[y * SIZE + x];
  }

  /**
   * MNIST stroke cores are at full intensity; bilinear sampling of thin strokes leaves them grey.
   */
  private static void normalisePeak(float[] values) {
    float max = 0f;
    for (float v : values) {
      max = Math.max(max, v);
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = max > 0f ? Math.min(1f, Math.max(0f, values[i] / max)) : 0f;
    }
  }

  /** Copies {@code values} shifted by whole pixels so that the centre of mass is at (14, 14). */
  private static void centreByMass(float[] values, float[] dst, int offset) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        float v = values[y * SIZE + x];
        mass += v;
        mx += v * x;
        my += v * y;
      }
    }
    int dx = mass == 0 ? 0 : (int) Math.round(CENTRE - mx / mass);
    int dy = mass == 0 ? 0 : (int) Math.round(CENTRE - my / mass);
    for (int y = 0; y < SIZE; y++) {
      int sy = y - dy;
      for (int x = 0; x < SIZE; x++) {
        int sx = x - dx;
        boolean inside = sx >= 0 && sy >= 0 && sx < SIZE && sy < SIZE;
        dst[offset + y * SIZE + x] = inside ? values[sy * SIZE + sx] : 0f;
      }
    }
  }
}
