package io.github.mnistkit.sdk.image;

/**
 * A top-to-bottom cut through a group of touching digits: for each row from {@code minY}, the
 * column where the right-hand piece begins. Rows outside the path use its nearest end.
 *
 * @param minY the first row of the path
 * @param xs the column per row
 * @param strokes how many strokes the path cuts through (ink pixels crossed / stroke width)
 */
record Cut(int minY, int[] xs, double strokes) {
  int at(int y) {
    return xs[Math.max(0, Math.min(xs.length - 1, y - minY))];
  }

  double meanX() {
    double sum = 0;
    for (int x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  /**
   * A copy moved right where needed so that it never lies left of {@code other} ({@code this} if
   * nowhere).
   */
  Cut notLeftOf(Cut other) {
    int[] moved = xs.clone();
    boolean changed = false;
    for (int i = 0; i < moved.length; i++) {
      changed |= other.at(minY + i) > moved[i];
      moved[i] = Math.max(moved[i], other.at(minY + i));
    }
    return changed ? new Cut(minY, moved, strokes) : this;
  }
}
