package io.github.mnistkit.trainer.train;

import java.util.Random;

/**
 * Thicker or thinner strokes. Thicker: a partial blend (weight 0.3–1) towards the 3×3 grey
 * dilation. Thinner: a blend (weight 0.5–1) towards the cube of the intensity, which darkens the
 * grey stroke edges and keeps the cores; a 3×3 erosion would erase MNIST's 2-pixel strokes.
 */
final class StrokeWidth {
  private static final int SIZE = Augmenter.SIZE;

  private StrokeWidth() {}

  static void change(float[] image, Random random) {
    if (random.nextBoolean()) {
      thicker(image, 0.3 + 0.7 * random.nextDouble());
    } else {
      thinner(image, 0.5 + 0.5 * random.nextDouble());
    }
  }

  private static void thicker(float[] image, double weight) {
    float[] original = image.clone();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        float v = original[y * SIZE + x];
        image[y * SIZE + x] = (float) (v + (maximum(original, x, y) - v) * weight);
      }
    }
  }

  private static void thinner(float[] image, double weight) {
    for (int i = 0; i < image.length; i++) {
      float v = image[i];
      image[i] = (float) (v + (v * v * v - v) * weight);
    }
  }

  /** The maximum of the 3×3 neighbourhood; outside the image counts as blank. */
  private static float maximum(float[] image, int x, int y) {
    float result = 0f;
    for (int yy = Math.max(0, y - 1); yy <= Math.min(SIZE - 1, y + 1); yy++) {
      for (int xx = Math.max(0, x - 1); xx <= Math.min(SIZE - 1, x + 1); xx++) {
        result = Math.max(result, image[yy * SIZE + xx]);
      }
    }
    return result;
  }
}
