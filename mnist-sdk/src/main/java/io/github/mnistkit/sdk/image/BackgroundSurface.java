package io.github.mnistkit.sdk.image;

import java.util.Arrays;

/**
 * The background level across the image, so that uneven lighting (a shadow, a lamp to one side) is
 * not mistaken for ink.
 *
 * <p>The image is cut into a coarse grid of cells, each a quarter of the long side but at most half
 * the short side (so a wide photo of a row still has two rows of cells and light falling off from
 * top to bottom is followed), and each cell's background is a low percentile of its darkness: a
 * cell that large is mostly paper even when a thick stroke runs through it. A cell still far darker
 * than its neighbours (a blob of ink filling it) takes their median instead; both compared after
 * the lighting gradient (a plane fitted to the cells, outliers left out) is taken out, so that the
 * corner the light falls off towards is not taken for a blob of ink. The cell values are then
 * interpolated linearly between cell centres, and extrapolated linearly to the edges, which
 * reproduces a lighting gradient exactly.
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
    int cell = Math.max(MIN_CELL, Math.min((Math.max(w, h) + 3) / 4, Math.min(w, h) / 2));
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

  /**
   * Replaces cells much darker than their neighbours (ink filling the cell) by the neighbours'
   * median. Compared after a lighting gradient is taken out (a plane fitted to the cells, ignoring
   * outliers), so that a corner darker than its neighbours only because the light falls off towards
   * it is not taken for ink.
   */
  private static void replaceOutliers(float[] cells, int cols, int rows, float tolerance) {
    double[] plane = robustPlane(cells, cols, rows, tolerance);
    float[] original = new float[cells.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        original[r * cols + c] = cells[r * cols + c] - (float) planeAt(plane, c, r);
      }
    }
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
          cells[r * cols + c] = median + (float) planeAt(plane, c, r);
        }
      }
    }
  }

  /**
   * The least-squares plane a + b·column + c·row through the cells, refitted without the cells more
   * than {@code tolerance} above it; flat along an axis with a single cell.
   */
  private static double[] robustPlane(float[] cells, int cols, int rows, float tolerance) {
    boolean[] used = new boolean[cells.length];
    Arrays.fill(used, true);
    double[] plane = fitPlane(cells, cols, rows, used);
    for (int round = 0; round < 3; round++) {
      boolean changed = false;
      for (int i = 0; i < cells.length; i++) {
        boolean inlier = cells[i] <= planeAt(plane, i % cols, i / cols) + tolerance;
        changed |= inlier != used[i];
        used[i] = inlier;
      }
      if (!changed) {
        break;
      }
      plane = fitPlane(cells, cols, rows, used);
    }
    return plane;
  }

  /** Least squares over the used cells, with centred coordinates so the axes separate. */
  private static double[] fitPlane(float[] cells, int cols, int rows, boolean[] used) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sv = 0;
    for (int i = 0; i < cells.length; i++) {
      if (used[i]) {
        n++;
        sx += i % cols;
        sy += i / cols;
        sv += cells[i];
      }
    }
    if (n == 0) {
      return new double[] {0, 0, 0, 0, 0};
    }
    double mx = sx / n;
    double my = sy / n;
    double mv = sv / n;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    double xv = 0;
    double yv = 0;
    for (int i = 0; i < cells.length; i++) {
      if (used[i]) {
        double dx = i % cols - mx;
        double dy = i / cols - my;
        double dv = cells[i] - mv;
        xx += dx * dx;
        yy += dy * dy;
        xy += dx * dy;
        xv += dx * dv;
        yv += dy * dv;
      }
    }
    double det = xx * yy - xy * xy;
    double b;
    double c;
    if (det > 1e-9) {
      b = (xv * yy - yv * xy) / det;
      c = (yv * xx - xv * xy) / det;
    } else {
      b = xx > 1e-9 ? xv / xx : 0; // the used cells lie on one line: fit along it only
      c = xx > 1e-9 || yy <= 1e-9 ? 0 : yv / yy;
    }
    return new double[] {mv, b, c, mx, my};
  }

  private static double planeAt(double[] plane, int col, int row) {
    return plane[0] + plane[1] * (col - plane[3]) + plane[2] * (row - plane[4]);
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
