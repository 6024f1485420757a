package io.github.mnistkit.sdk.image;

import java.util.Arrays;

/**
 * The background level across the image, so that uneven lighting (a shadow, a lamp to one side) is
 * not mistaken for ink.
 *
 * <p>The image is cut into a coarse grid of cells, each at least a quarter of the long side, and
 * each cell's background is a low percentile of its darkness: a cell that large is mostly paper
 * even when a thick stroke runs through it. A cell still far darker than its neighbours (a blob of
 * ink filling it) takes their median instead. The cell values are then interpolated linearly
 * between cell centres, and extrapolated linearly to the edges, which reproduces a lighting
 * gradient exactly.
 */
final class BackgroundSurface {
  private static final int MIN_CELL = 16;
  private static final double PERCENTILE = 0.10;

  private BackgroundSurface() {}

  /**
   * @param darkness row-major levels where the background is low and ink is high
   * @param tolerance how much darker than its neighbours a cell may be before it counts as ink
   * @return the background darkness at every pixel
   */
  static float[] estimate(float[] darkness, int w, int h, float tolerance) {
    int cell = Math.max(MIN_CELL, (Math.max(w, h) + 3) / 4);
    int cols = Math.max(1, Math.round((float) w / cell));
    int rows = Math.max(1, Math.round((float) h / cell));
    float[] cells = cellPercentiles(darkness, w, h, cols, rows);
    replaceOutliers(cells, cols, rows, tolerance);
    float[] colWeights = new float[w];
    int[] colIndex = new int[w];
    axis(w, cols, colIndex, colWeights);
    float[] rowWeights = new float[h];
    int[] rowIndex = new int[h];
    axis(h, rows, rowIndex, rowWeights);

    float lo = Float.MAX_VALUE;
    float hi = -Float.MAX_VALUE;
    for (float c : cells) {
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
    }
    // Linear extrapolation reaches at most half a cell beyond the outer centres; the clamp only
    // guards the corners, where noisy cells could otherwise overshoot.
    float floor = Math.max(0f, lo - (hi - lo) / 2);
    float ceiling = Math.min(255f, hi + (hi - lo) / 2);
    float[] surface = new float[w * h];
    if (lo == hi) {
      // one level everywhere (every cell of a small or evenly lit image): what interpolating
      // between equal values gives, without the per-pixel work
      Arrays.fill(surface, Math.max(floor, Math.min(ceiling, lo)));
      return surface;
    }
    for (int y = 0; y < h; y++) {
      int r0 = rowIndex[y];
      int r1 = Math.min(r0 + 1, rows - 1);
      float fy = rowWeights[y];
      for (int x = 0; x < w; x++) {
        int c0 = colIndex[x];
        int c1 = Math.min(c0 + 1, cols - 1);
        float fx = colWeights[x];
        float top = lerp(cells[r0 * cols + c0], cells[r0 * cols + c1], fx);
        float bottom = lerp(cells[r1 * cols + c0], cells[r1 * cols + c1], fx);
        float v = lerp(top, bottom, fy);
        surface[y * w + x] = Math.max(floor, Math.min(ceiling, v));
      }
    }
    return surface;
  }

  private static float[] cellPercentiles(float[] d, int w, int h, int cols, int rows) {
    float[] cells = new float[cols * rows];
    for (int r = 0; r < rows; r++) {
      int y0 = r * h / rows;
      int y1 = (r + 1) * h / rows;
      for (int c = 0; c < cols; c++) {
        int x0 = c * w / cols;
        int x1 = (c + 1) * w / cols;
        Histogram hist = new Histogram();
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            hist.add(d[y * w + x]);
          }
        }
        cells[r * cols + c] = hist.percentile(PERCENTILE);
      }
    }
    return cells;
  }

  private static void replaceOutliers(float[] cells, int cols, int rows, float tolerance) {
    float[] original = cells.clone();
    float[] neighbours = new float[8];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int n = 0;
        for (int dr = -1; dr <= 1; dr++) {
          for (int dc = -1; dc <= 1; dc++) {
            int rr = r + dr;
            int cc = c + dc;
            if ((dr != 0 || dc != 0) && rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
              neighbours[n++] = original[rr * cols + cc];
            }
          }
        }
        if (n == 0) {
          continue;
        }
        Arrays.sort(neighbours, 0, n);
        float median = neighbours[(n - 1) / 2];
        if (original[r * cols + c] > median + tolerance) {
          cells[r * cols + c] = median;
        }
      }
    }
  }

  /**
   * For each pixel along an axis of {@code size} pixels split into {@code cells} cells: the index
   * of the cell centre at or before it (clamped so that a successor exists for interpolation and
   * extrapolation) and the fraction of the way to the next centre (negative or above 1 beyond the
   * outer centres).
   */
  private static void axis(int size, int cells, int[] index, float[] fraction) {
    if (cells == 1) {
      Arrays.fill(index, 0);
      Arrays.fill(fraction, 0f);
      return;
    }
    float step = (float) size / cells;
    for (int p = 0; p < size; p++) {
      float pos = (p + 0.5f) / step - 0.5f; // in cell-centre units
      int i = (int) Math.floor(pos);
      i = Math.max(0, Math.min(i, cells - 2));
      index[p] = i;
      fraction[p] = pos - i;
    }
  }

  private static float lerp(float a, float b, float t) {
    return a + (b - a) * t;
  }
}
