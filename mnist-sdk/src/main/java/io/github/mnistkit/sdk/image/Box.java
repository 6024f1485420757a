package io.github.mnistkit.sdk.image;

/**
 * An axis-aligned rectangle in the pixel coordinates of a source image.
 *
 * @param x left edge, inclusive
 * @param y top edge, inclusive
 * @param width width in pixels, not negative
 * @param height height in pixels, not negative
 */
public record Box(int x, int y, int width, int height) {
  public Box {
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("Box size must not be negative: " + width + "x" + height);
    }
  }

  /** The x coordinate one past the right edge. */
  public int right() {
    return x + width;
  }

  /** The y coordinate one past the bottom edge. */
  public int bottom() {
    return y + height;
  }

  /** True when {@code other} lies entirely inside this box. */
  public boolean contains(Box other) {
    return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
  }
}
