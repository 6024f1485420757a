package io.github.mnistkit.sdk.evaluation;

import java.awt.image.BufferedImage;

/**
 * A float ink layer (0 = paper, 1 = full ink) onto which MNIST digits are stamped with scaling,
 * squeezing and slant; overlapping strokes combine by maximum, like two pen strokes.
 */
final class InkCanvas {
  final int width;
  final int height;
  final float[] ink;

  InkCanvas(int width, int height) {
    this.width = width;
    this.height = height;
    this.ink = new float[width * height];
  }

  /** The ink bounding box of an MNIST digit: {minX, minY, maxX, maxY}. */
  static int[] inkBox(byte[] mnist) {
    int minX = 28;
    int minY = 28;
    int maxX = -1;
    int maxY = -1;
    for (int i = 0; i < 784; i++) {
      if ((mnist[i] & 0xFF) > 0) {
        minX = Math.min(minX, i % 28);
        maxX = Math.max(maxX, i % 28);
        minY = Math.min(minY, i / 28);
        maxY = Math.max(maxY, i / 28);
      }
    }
    return new int[] {minX, minY, maxX, maxY};
  }

  /**
   * The rendered width of {@code mnist} at this height, squeeze and slant (its full horizontal
   * extent, slant included).
   */
  static double renderedWidth(byte[] mnist, double height, double squeeze, double slant) {
    int[] box = inkBox(mnist);
    double scale = height / (box[3] - box[1] + 1);
    return (box[2] - box[0] + 1) * scale * squeeze + Math.abs(slant) * height;
  }

  /**
   * Stamps the digit with its ink box's top-left at ({@code left}, {@code top}), ink box height
   * {@code height}, width scaled by {@code squeeze} and sheared by {@code slant} (x shift per unit
   * of height above the bottom; positive leans right). Bilinear sampling, max compositing.
   */
  void stamp(byte[] mnist, double left, double top, double height, double squeeze, double slant) {
    int[] box = inkBox(mnist);
    double bw = box[2] - box[0] + 1;
    double bh = box[3] - box[1] + 1;
    double sy = height / bh;
    double sx = sy * squeeze;
    double w = bw * sx + Math.abs(slant) * height;
    int x0 = (int) Math.floor(left) - 1;
    int x1 = (int) Math.ceil(left + w) + 1;
    int y0 = (int) Math.floor(top) - 1;
    int y1 = (int) Math.ceil(top + height) + 1;
    for (int y = Math.max(0, y0); y <= Math.min(this.height - 1, y1); y++) {
      double v = (y + 0.5 - top) / sy; // ink-box rows from the top
      double aboveBottom = height - (y + 0.5 - top);
      double shift = slant * aboveBottom + Math.max(0, -slant) * height;
      for (int x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) {
        double u = (x + 0.5 - left - shift) / sx;
        float value = sample(mnist, box[0] + u - 0.5, box[1] + v - 0.5);
        int i = y * width + x;
        ink[i] = Math.max(ink[i], value);
      }
    }
  }

  private static float sample(byte[] mnist, double fx, double fy) {
    int ix = (int) Math.floor(fx);
    int iy = (int) Math.floor(fy);
    double ax = fx - ix;
    double ay = fy - iy;
    double v00 = at(mnist, ix, iy);
    double v10 = at(mnist, ix + 1, iy);
    double v01 = at(mnist, ix, iy + 1);
    double v11 = at(mnist, ix + 1, iy + 1);
    double top = v00 + (v10 - v00) * ax;
    double bottom = v01 + (v11 - v01) * ax;
    return (float) (top + (bottom - top) * ay);
  }

  private static double at(byte[] mnist, int x, int y) {
    if (x < 0 || y < 0 || x >= 28 || y >= 28) {
      return 0;
    }
    return (mnist[y * 28 + x] & 0xFF) / 255.0;
  }

  /** Ink of the given colour on paper of the given colour, as RGB. */
  BufferedImage render(int paperRgb, int inkRgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, mix(paperRgb, inkRgb, ink[y * width + x]));
      }
    }
    return image;
  }

  static int mix(int paper, int ink, float amount) {
    float a = Math.max(0f, Math.min(1f, amount));
    int r = Math.round((paper >> 16 & 0xFF) * (1 - a) + (ink >> 16 & 0xFF) * a);
    int g = Math.round((paper >> 8 & 0xFF) * (1 - a) + (ink >> 8 & 0xFF) * a);
    int b = Math.round((paper & 0xFF) * (1 - a) + (ink & 0xFF) * a);
    return r << 16 | g << 8 | b;
  }
}
