package io.github.mnistkit.sdk.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Proposes where a group of touching digits may be cut: least-ink top-to-bottom paths (a
 * "drop-fall" that may drift sideways, found by dynamic programming) started at the minima of the
 * vertical ink projection and at evenly spaced positions. Paths that end up nearly the same are
 * proposed once.
 */
final class CutProposer {
  /** A path may drift this fraction of the row height sideways from where it started. */
  private static final double DRIFT = 0.22;

  /** Cost of a sideways step, in ink pixels. */
  private static final double STEP = 0.15;

  /** No cut nearer than this fraction of the row height to the group's left or right edge. */
  private static final double EDGE = 0.12;

  /** Two paths whose mean columns are closer than this fraction of the row height are one. */
  private static final double SAME = 0.15;

  private static final int MAX_CUTS = 9;

  private CutProposer() {}

  static List<Cut> propose(InkMap ink, List<Blob> group, double rowHeight) {
    PieceMask mask = PieceMask.of(ink, group);
    int w = mask.width();
    int h = mask.height();
    int edge = (int) Math.ceil(EDGE * rowHeight);
    if (w < 2 * edge + 2) {
      return List.of();
    }
    double stroke = Math.max(1, mask.strokeWidth(ink));
    List<Integer> starts = new ArrayList<>(projectionMinima(mask, edge));
    int most = Math.min(MAX_CUTS + 1, (int) Math.ceil(w / (0.3 * rowHeight)));
    for (int n = 2; n <= most; n++) {
      for (int k = 1; k < n; k++) {
        starts.add(mask.minX() + (int) Math.round((double) w * k / n));
      }
    }
    int drift = Math.max(2, (int) Math.round(DRIFT * rowHeight));
    List<Cut> cuts = new ArrayList<>();
    for (int start : starts) {
      int lo = Math.max(mask.minX() + edge, start - drift);
      int hi = Math.min(mask.maxX() - edge + 1, start + drift);
      if (lo <= hi) {
        cuts.add(leastInkPath(mask, lo, hi, stroke));
      }
    }
    return distinct(cuts, SAME * rowHeight);
  }

  /** Columns (between the margins) where the smoothed ink count is a local minimum. */
  private static List<Integer> projectionMinima(PieceMask mask, int edge) {
    int w = mask.width();
    double[] counts = new double[w];
    for (int x = 0; x < w; x++) {
      for (int y = mask.minY(); y <= mask.maxY(); y++) {
        counts[x] += mask.contains(mask.minX() + x, y) ? 1 : 0;
      }
    }
    double[] smooth = new double[w];
    for (int x = 0; x < w; x++) {
      smooth[x] = (counts[Math.max(0, x - 1)] + counts[x] + counts[Math.min(w - 1, x + 1)]) / 3;
    }
    List<Integer> minima = new ArrayList<>();
    for (int x = edge; x < w - edge; x++) {
      if (smooth[x] <= smooth[x - 1] && smooth[x] < smooth[x + 1]) {
        minima.add(mask.minX() + x);
      }
    }
    return minima;
  }

  /** The path from the top row to the bottom row within columns [lo, hi] crossing least ink. */
  private static Cut leastInkPath(PieceMask mask, int lo, int hi, double stroke) {
    int cols = hi - lo + 1;
    int rows = mask.height();
    double[] cost = new double[rows * cols];
    byte[] from = new byte[rows * cols];
    for (int y = 0; y < rows; y++) {
      for (int c = 0; c < cols; c++) {
        double here = mask.contains(lo + c, mask.minY() + y) ? 1 : 0;
        if (y == 0) {
          cost[c] = here;
          continue;
        }
        double best = cost[(y - 1) * cols + c];
        byte step = 0;
        if (c > 0 && cost[(y - 1) * cols + c - 1] + STEP < best) {
          best = cost[(y - 1) * cols + c - 1] + STEP;
          step = -1;
        }
        if (c < cols - 1 && cost[(y - 1) * cols + c + 1] + STEP < best) {
          best = cost[(y - 1) * cols + c + 1] + STEP;
          step = 1;
        }
        cost[y * cols + c] = best + here;
        from[y * cols + c] = step;
      }
    }
    int end = 0;
    for (int c = 1; c < cols; c++) {
      if (cost[(rows - 1) * cols + c] < cost[(rows - 1) * cols + end]) {
        end = c;
      }
    }
    int[] xs = new int[rows];
    int inkCrossed = 0;
    for (int y = rows - 1, c = end; y >= 0; y--) {
      xs[y] = lo + c;
      inkCrossed += mask.contains(lo + c, mask.minY() + y) ? 1 : 0;
      c += from[y * cols + c];
    }
    return new Cut(mask.minY(), xs, inkCrossed / stroke);
  }

  private static List<Cut> distinct(List<Cut> cuts, double same) {
    List<Cut> byCost = new ArrayList<>(cuts);
    byCost.sort(Comparator.comparingDouble(Cut::strokes));
    List<Cut> kept = new ArrayList<>();
    for (Cut cut : byCost) {
      boolean duplicate = false;
      for (Cut k : kept) {
        duplicate |= Math.abs(k.meanX() - cut.meanX()) < same;
      }
      if (!duplicate && kept.size() < MAX_CUTS) {
        kept.add(cut);
      }
    }
    kept.sort(Comparator.comparingDouble(Cut::meanX));
    List<Cut> ordered = new ArrayList<>();
    for (Cut cut : kept) {
      ordered.add(ordered.isEmpty() ? cut : cut.notLeftOf(ordered.get(ordered.size() - 1)));
    }
    return ordered;
  }
}
