package io.github.mnistkit.trainer.train;

import java.util.Random;

/**
 * A 1-pixel line through the digit within ±10° of horizontal, like notebook ruling: half of the
 * time it erases the ink it crosses (a gap left by line removal; 30% of these run vertically),
 * otherwise it adds a faint stub (intensity 0.3–0.7, 5–13 px long) inside the digit's ink box (the
 * remnant of a ruling line next to a stroke), so the box stays normalised.
 */
final class ThinLine {
  private static final int SIZE = Augmenter.SIZE;

  private ThinLine() {}

  static void draw(float[] image, Random random) {
    int[] box = inkBox(image);
    if (box == null) {
      return;
    }
    boolean erase = random.nextBoolean();
    double angle = Math.toRadians((random.nextDouble() * 2 - 1) * 10);
    if (erase && random.nextDouble() < 0.3) {
      angle += Math.PI / 2; // a gap left by a removed vertical line (margin, form box)
    }
    double cx = box[0] + random.nextDouble() * (box[2] - box[0]);
    double cy = box[1] + random.nextDouble() * (box[3] - box[1]);
    // unit normal of the line
    double nx = -Math.sin(angle);
    double ny = Math.cos(angle);
    double strength = erase ? 1.0 : 0.3 + 0.4 * random.nextDouble();
    // half length along the line: an erasing line crosses the whole box, an added one is a stub
    double reach = erase ? SIZE : 2 + 4 * random.nextDouble();
    for (int y = box[1]; y <= box[3]; y++) {
      for (int x = box[0]; x <= box[2]; x++) {
        double distance = Math.abs((x - cx) * nx + (y - cy) * ny);
        double along = Math.abs((x - cx) * ny - (y - cy) * nx);
        double cover = along > reach ? 0 : Math.max(0, 1 - distance) * strength;
        int i = y * SIZE + x;
        image[i] = (float) (erase ? image[i] * (1 - cover) : Math.max(image[i], cover));
      }
    }
  }

  /** {minX, minY, maxX, maxY} of the pixels with ink, or null if none. */
  private static int[] inkBox(float[] image) {
    int[] box = {SIZE, SIZE, -1, -1};
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (image[y * SIZE + x] > 0.1f) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box[2] < 0 ? null : box;
  }
}
