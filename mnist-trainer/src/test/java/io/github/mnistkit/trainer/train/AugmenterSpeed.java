package io.github.mnistkit.trainer.train;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import java.util.Arrays;
import java.util.Random;

/**
 * Microseconds per augmented image, the new {@link Augmenter} against the previous plain affine
 * (shift, rotation, scale) in the same run, interleaved A B A B; prints medians and ranges. Run
 * from {@code mnist-trainer/}: {@code java -cp
 * ../mnist-sdk/target/classes:target/classes:target/test-classes
 * io.github.mnistkit.trainer.train.AugmenterSpeed}
 */
final class AugmenterSpeed {
  private static final int ROUNDS = 15;
  private static final int PASSES = 10;

  private AugmenterSpeed() {}

  public static void main(String[] args) {
    IdxDataset train = Fixture.load().train();
    int n = train.size();
    float[] pixels = new float[n * 784];
    for (int i = 0; i < n; i++) {
      train.copyImage(i, pixels, i * 784);
    }
    float[] out = new float[784];
    Random random = new Random(1);
    double[] augmenter = new double[ROUNDS];
    double[] affine = new double[ROUNDS];
    for (int round = -3; round < ROUNDS; round++) {
      double a = time(pixels, n, out, random, true);
      double b = time(pixels, n, out, random, false);
      if (round >= 0) {
        augmenter[round] = a;
        affine[round] = b;
      }
    }
    report("Augmenter", augmenter);
    report("previous affine", affine);
  }

  private static double time(float[] pixels, int n, float[] out, Random random, boolean full) {
    long start = System.nanoTime();
    for (int pass = 0; pass < PASSES; pass++) {
      for (int i = 0; i < n; i++) {
        if (full) {
          Augmenter.distort(pixels, i * 784, out, 0, random);
        } else {
          previousAffine(pixels, i * 784, out, random);
        }
      }
    }
    return (System.nanoTime() - start) / 1e3 / (PASSES * n);
  }

  private static void report(String name, double[] micros) {
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-16s median %.2f us/image (min %.2f, max %.2f, %d rounds)%n",
        name, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  /** The augmentation this project used before: shift ±2, rotation ±12°, scale 0.9–1.1. */
  private static void previousAffine(float[] src, int offset, float[] dst, Random random) {
    double angle = (random.nextDouble() * 2 - 1) * Math.toRadians(12);
    double scale = 1 + (random.nextDouble() * 2 - 1) * 0.1;
    double dx = (random.nextDouble() * 2 - 1) * 2;
    double dy = (random.nextDouble() * 2 - 1) * 2;
    double cos = Math.cos(angle) / scale;
    double sin = Math.sin(angle) / scale;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        double ox = x - 13.5 - dx;
        double oy = y - 13.5 - dy;
        double sx = cos * ox + sin * oy + 13.5;
        double sy = -sin * ox + cos * oy + 13.5;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = at(src, offset, x0, y0) * (1 - fx) + at(src, offset, x0 + 1, y0) * fx;
        double bottom =
            at(src, offset, x0, y0 + 1) * (1 - fx) + at(src, offset, x0 + 1, y0 + 1) * fx;
        dst[y * 28 + x] = (float) (top * (1 - fy) + bottom * fy);
      }
    }
  }

  private static float at(float[] src, int offset, int x, int y) {
    return x < 0 || y < 0 || x >= 28 || y >= 28 ? 0f : src[offset + y * 28 + x];
  }
}
