package io.github.mnistkit.sdk.image;

/**
 * One 8-connected component of the ink mask, in working-image coordinates.
 *
 * @param label the component's value in the label image, 1 or more
 * @param area number of pixels
 * @param perimeter number of pixel edges between the component and non-ink (4-neighbour)
 * @param minX leftmost column, inclusive
 * @param minY top row, inclusive
 * @param maxX rightmost column, inclusive
 * @param maxY bottom row, inclusive
 */
record Blob(int label, int area, int perimeter, int minX, int minY, int maxX, int maxY) {
  int width() {
    return maxX - minX + 1;
  }

  int height() {
    return maxY - minY + 1;
  }
}
