package io.github.mnistkit.trainer.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * A float ink layer (0 = paper, 1 = full ink) onto which 28×28 images (MNIST digits, Fashion-MNIST
 * pictures) are stamped scaled up, overlapping strokes combining by maximum like two pen strokes;
 * then rendered as ink on paper.
 */
final class InkLayer {
  final int width;
  final int height;
  final float[] ink;

  InkLayer(int width, int height) {
    this.width = width;
    this.height = height;
    this.ink = new float[width * height];
  }

  /** The ink box of a 28×28 image: {minX, minY, maxX, maxY}; {0, 0, 27, 27} when it is empty. */
  static int[] inkBox(byte[] image) {
    int minX = 28;
    int minY = 28;
    int maxX = -1;
    int maxY = -1;
    for (int i = 0; i < 784; i++) {
      if ((image[i] & 0xFF) > 0) {
        minX = Math.min(minX, i % 28);
        maxX = Math.max(maxX, i % 28);
        minY = Math.min(minY, i / 28);
        maxY = Math.max(maxY, i / 28);
      }
    }
    return maxX < 0 ? new int[] {0, 0, 27, 27} : new int[] {minX, minY, maxX, maxY};
  }

  /**
   * Stamps the ink box of {@code image} with its top-left corner at ({@code left}, {@code top}),
   * {@code scaleX} and {@code scaleY} layer pixels per image pixel, bilinear sampling. Returns the
   * stamped box's horizontal extent {left, right} in layer pixels.
   */
  double[] stamp(byte[] image, double left, double top, double scaleX, double scaleY) {
    int[] box = inkBox(image);
    double w = (box[2] - box[0] + 1) * scaleX;
    double h = (box[3] - box[1] + 1) * scaleY;
    int x0 = Math.max(0, (int) Math.floor(left) - 1);
    int x1 = Math.min(width - 1, (int) Math.ceil(left + w) + 1);
    int y0 = Math.max(0, (int) Math.floor(top) - 1);
    int y1 = Math.min(height - 1, (int) Math.ceil(top + h) + 1);
    for (int y = y0; y <= y1; y++) {
      double fy = box[1] + (y + 0.5 - top) / scaleY - 0.5;
      for (int x = x0; x <= x1; x++) {
        double fx = box[0] + (x + 0.5 - left) / scaleX - 0.5;
        float value = sample(image, fx, fy);
        int i = y * width + x;
        if (value > ink[i]) {
          ink[i] = value;
        }
      }
    }
    return new double[] {left, left + w};
  }

  private static float sample(byte[] image, double fx, double fy) {
    int ix = (int) Math.floor(fx);
    int iy = (int) Math.floor(fy);
    double ax = fx - ix;
    double ay = fy - iy;
    double top = at(image, ix, iy) * (1 - ax) + at(image, ix + 1, iy) * ax;
    double bottom = at(image, ix, iy + 1) * (1 - ax) + at(image, ix + 1, iy + 1) * ax;
    return (float) (top * (1 - ay) + bottom * ay);
  }

  private static double at(byte[] image, int x, int y) {
    if (x < 0 || y < 0 || x >= 28 || y >= 28) {
      return 0;
    }
    return (image[y * 28 + x] & 0xFF) / 255.0;
  }

  /**
   * Keeps only the rim of the ink above {@code threshold}, {@code pen} pixels wide: the outline of
   * a picture instead of its filled shape.
   */
  void outline(float threshold, int pen) {
    boolean[] inside = new boolean[ink.length];
    for (int i = 0; i < ink.length; i++) {
      inside[i] = ink[i] > threshold;
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        ink[i] = inside[i] && nearOutside(inside, x, y, pen) ? 1f : 0f;
      }
    }
  }

  private boolean nearOutside(boolean[] inside, int x, int y, int pen) {
    for (int dy = -pen; dy <= pen; dy++) {
      for (int dx = -pen; dx <= pen; dx++) {
        int nx = x + dx;
        int ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height || !inside[ny * width + nx]) {
          return true;
        }
      }
    }
    return false;
  }

  /** The ink in colour {@code inkRgb} on paper of colour {@code paperRgb}. */
  BufferedImage render(int paperRgb, int inkRgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = mix(paperRgb, inkRgb, ink[i]);
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

  /** Light paper with a slight random tint: near white, cream, grey or bluish. */
  static int paperColour(Random random) {
    int base = 205 + random.nextInt(51);
    int r = clamp(base + random.nextInt(13) - 6);
    int g = clamp(base + random.nextInt(13) - 6);
    int b = clamp(base - random.nextInt(16));
    return r << 16 | g << 8 | b;
  }

  /** Dark pen or pencil: black, grey, dark blue. */
  static int inkColour(Random random) {
    int v = random.nextInt(70);
    return random.nextInt(3) == 0
        ? clamp(v / 2) << 16 | clamp(v / 2 + 10) << 8 | clamp(90 + random.nextInt(70))
        : v << 16 | v << 8 | v;
  }

  /** Adds uniform noise of up to ±{@code amplitude} grey levels to every channel. */
  static void addNoise(BufferedImage image, Random random, int amplitude) {
    if (amplitude <= 0) {
      return;
    }
    int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int span = 2 * amplitude + 1;
    for (int i = 0; i < rgb.length; i++) {
      int n = random.nextInt(span) - amplitude;
      int p = rgb[i];
      rgb[i] =
          clamp((p >> 16 & 0xFF) + n) << 16
              | clamp((p >> 8 & 0xFF) + n) << 8
              | clamp((p & 0xFF) + n);
    }
  }

  static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
