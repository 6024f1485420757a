package io.github.mnistkit.trainer.train;

/** Ink box and centre of mass of a 28×28 digit, for tests and the contact sheet. */
final class InkShape {
  /** Any positive value is ink, as in the SDK's normaliser. */
  static final float INK = 0f;

  private InkShape() {}

  /** {minX, minY, maxX, maxY} of the pixels above {@link #INK}; {28, 28, -1, -1} if none. */
  static int[] box(float[] image) {
    int[] box = {28, 28, -1, -1};
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        if (image[y * 28 + x] > INK) {
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box;
  }

  static double[] centreOfMass(float[] image) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        float v = image[y * 28 + x];
        mass += v;
        mx += v * x;
        my += v * y;
      }
    }
    return new double[] {mx / mass, my / mass};
  }
}
