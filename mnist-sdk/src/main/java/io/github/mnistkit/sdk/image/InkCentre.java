package io.github.mnistkit.sdk.image;

/** The total ink of a row-major intensity grid and its centre of mass. */
record InkCentre(double mass, double x, double y) {
  /** The centre of {@code values} ({@code width} × {@code height}); (0, 0) when there is no ink. */
  static InkCentre of(float[] values, int width, int height) {
    double mass = 0;
    double mx = 0;
    double my = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float v = values[y * width + x];
        mass += v;
        mx += v * x;
        my += v * y;
      }
    }
    return mass == 0 ? new InkCentre(0, 0, 0) : new InkCentre(mass, mx / mass, my / mass);
  }
}
