package io.github.mnistkit.sdk.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Proposes where a group of touching digits may be cut: least-ink top-to-bottom paths (a
 * "drop-fall" that may drift sideways, found by dynamic programming) started at the minima of the
 * vertical ink projection, at evenly spaced positions and at the valleys of the group's upper and
 * lower contours (where the outline dips into the group between two digits). From a valley a path
 * is proposed twice: free within its window, and pinned to the valley's column at the top (upper
 * contour) or bottom (lower contour), like a drop-fall falling from the valley. Paths whose mean
 * columns lie within {@code Density.same} row heights of a cheaper one are proposed once.
 *
 * <p>Measured with {@code RowWeightsTuning} (1,000 tuning rows per kind, seeds 501–503) against the
 * earlier proposer (projection minima and even spacing only, paths one within 0.15 row heights):
 * rows that some path through the candidates reads 971 / 912 / 942 → 971 / 929 / 944, read exactly
 * 96.2 / 88.9 / 91.0% → 96.2 / 90.1 / 90.9% (separated / touching / ruled), for about 20% more
 * candidate pieces to classify. Most of the gain is the closer spacing (two digits that overlap
 * need a cut near a cheaper one through the neighbour); the contour valleys add the rest. On the
 * benchmark's rows (ReadingBenchmark, seed 2026): 96.5 / 86.7 / 92.1% → 96.3 / 87.9 / 91.9%; seed
 * 4026: 96.9 / 87.8 / 91.4% → 96.8 / 89.9 / 91.3%. Not kept (no gain on the tuning rows): a second,
 * wider smoothing of the projection, sideways steps of two columns, a smaller edge margin, more
 * cuts per group, cutting narrower groups.
 *
 * <p>A piece of the best reading that the model refuses as not a digit is cut again, more densely
 * ({@link Density#DOUBT}: paths one only within 0.04 row heights, starts every 0.1 row heights,
 * straighter paths drifting at most 0.15 row heights, also through pieces from 0.3 row heights
 * wide), through that piece only ({@link RowCandidates#refine}): two digits glued so closely or
 * overlapping so far that the first cuts miss them, or too narrow together to be cut at all. On the
 * tuning rows (seeds 501–503 and 601–603, 1,000 per kind) exact 962 / 901 / 909 → 962 / 910 / 912
 * and 966 / 901 / 922 → 966 / 912 / 923 for 0–16% more pieces; on the benchmark's, seed 2026, 96.3
 * / 87.9 / 91.9% → 96.3 / 88.9 / 92.0%, seed 4026 96.8 / 89.9 / 91.3% → 96.8 / 90.9 / 91.5%.
 * Cutting again also unsure pieces, or every group, or with the first density, read fewer separated
 * rows or fewer touching ones (a confident digit cut again splits into two confident ones: 6 → 1
 * 3).
 */
final class CutProposer {
  /** Cost of a sideways step, in ink pixels. */
  private static final double STEP = 0.15;

  /**
   * How densely cuts are proposed, as fractions of the row height: paths whose mean columns are
   * closer than {@code same} are one; no cut nearer than {@code edge} to the group's left or right
   * edge; evenly spaced starts down to {@code spacing} apart; at most {@code maxCuts} per group.
   */
  record Density(double same, double edge, double spacing, int maxCuts, List<Double> drifts) {
    /** The first proposal for every group wide enough to hold two digits. */
    static final Density FIRST = new Density(0.1, 0.12, 0.3, 9, List.of(0.22));

    /** Again, for a group that the classifier doubts as cut first. */
    static final Density DOUBT = new Density(0.04, 0.06, 0.1, 20, List.of(0.15));
  }

  /** Where a path is pinned to its start column: nowhere, at the top row or at the bottom row. */
  private enum Pin {
    NONE,
    TOP,
    BOTTOM
  }

  private record Start(int x, Pin pin) {}

  private CutProposer() {}

  static List<Cut> propose(InkMap ink, List<Blob> group, double rowHeight) {
    return propose(ink, PieceMask.of(ink, group), rowHeight, Density.FIRST, List.of());
  }

  /**
   * Cuts through the ink of {@code mask} (a group, or part of one) at {@code density}, added to the
   * {@code earlier} cuts through the same group, which are kept first.
   */
  static List<Cut> propose(
      InkMap ink, PieceMask mask, double rowHeight, Density density, List<Cut> earlier) {
    int w = mask.width();
    int edge = (int) Math.ceil(density.edge() * rowHeight);
    if (w < 2 * edge + 2) {
      return earlier;
    }
    double stroke = Math.max(1, mask.strokeWidth(ink));
    List<Start> starts = new ArrayList<>();
    for (int x : projectionMinima(mask, edge)) {
      starts.add(new Start(x, Pin.NONE));
    }
    int most =
        Math.min(density.maxCuts() + 1, (int) Math.ceil(w / (density.spacing() * rowHeight)));
    for (int n = 2; n <= most; n++) {
      for (int k = 1; k < n; k++) {
        starts.add(new Start(mask.minX() + (int) Math.round((double) w * k / n), Pin.NONE));
      }
    }
    for (Pin pin : List.of(Pin.TOP, Pin.BOTTOM)) {
      for (int x : valleys(mask, edge, pin == Pin.TOP)) {
        starts.add(new Start(x, Pin.NONE));
        starts.add(new Start(x, pin));
      }
    }
    List<Cut> cuts = new ArrayList<>();
    for (double fraction : density.drifts()) {
      int drift = Math.max(2, (int) Math.round(fraction * rowHeight));
      for (Start start : starts) {
        int lo = Math.max(mask.minX() + edge, start.x() - drift);
        int hi = Math.min(mask.maxX() - edge + 1, start.x() + drift);
        boolean pinnable = start.pin() == Pin.NONE || (lo <= start.x() && start.x() <= hi);
        if (lo <= hi && pinnable) {
          cuts.add(leastInkPath(mask, lo, hi, stroke, start));
        }
      }
    }
    return distinct(earlier, cuts, density.same() * rowHeight, density.maxCuts());
  }

  /** Columns (between the margins) where the smoothed ink count is a local minimum. */
  private static List<Integer> projectionMinima(PieceMask mask, int edge) {
    double[] counts = new double[mask.width()];
    for (int x = 0; x < counts.length; x++) {
      for (int y = mask.minY(); y <= mask.maxY(); y++) {
        counts[x] += mask.contains(mask.minX() + x, y) ? 1 : 0;
      }
    }
    return localMinima(mask, smooth(counts), edge);
  }

  /**
   * Columns (between the margins) where the group's upper contour (or lower, {@code top} false)
   * lies deepest inside the box, locally: the paper from the edge of the box to the first ink
   * reaches furthest there, as between two digits that touch lower down (or higher up).
   */
  private static List<Integer> valleys(PieceMask mask, int edge, boolean top) {
    double[] ink = new double[mask.width()];
    for (int x = 0; x < ink.length; x++) {
      int paper = 0;
      for (int i = 0; i < mask.height(); i++) {
        int y = top ? mask.minY() + i : mask.maxY() - i;
        if (mask.contains(mask.minX() + x, y)) {
          break;
        }
        paper++;
      }
      ink[x] = mask.height() - paper;
    }
    return localMinima(mask, smooth(ink), edge);
  }

  private static double[] smooth(double[] values) {
    int w = values.length;
    double[] smooth = new double[w];
    for (int x = 0; x < w; x++) {
      smooth[x] = (values[Math.max(0, x - 1)] + values[x] + values[Math.min(w - 1, x + 1)]) / 3;
    }
    return smooth;
  }

  private static List<Integer> localMinima(PieceMask mask, double[] values, int edge) {
    List<Integer> minima = new ArrayList<>();
    for (int x = edge; x < values.length - edge; x++) {
      if (values[x] <= values[x - 1] && values[x] < values[x + 1]) {
        minima.add(mask.minX() + x);
      }
    }
    return minima;
  }

  /**
   * The path from the top row to the bottom row within columns [lo, hi] crossing least ink, through
   * the start column at the top or bottom row if the start is pinned there.
   */
  private static Cut leastInkPath(PieceMask mask, int lo, int hi, double stroke, Start start) {
    int cols = hi - lo + 1;
    int rows = mask.height();
    int pinned = start.x() - lo;
    double[] cost = new double[rows * cols];
    byte[] from = new byte[rows * cols];
    for (int y = 0; y < rows; y++) {
      for (int c = 0; c < cols; c++) {
        double here = mask.contains(lo + c, mask.minY() + y) ? 1 : 0;
        if (y == 0) {
          cost[c] = start.pin() == Pin.TOP && c != pinned ? Double.POSITIVE_INFINITY : here;
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
    int end = start.pin() == Pin.BOTTOM ? pinned : 0;
    for (int c = 1; c < cols && start.pin() != Pin.BOTTOM; c++) {
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

  private static List<Cut> distinct(List<Cut> earlier, List<Cut> cuts, double same, int most) {
    List<Cut> byCost = new ArrayList<>(cuts);
    byCost.sort(Comparator.comparingDouble(Cut::strokes));
    List<Cut> kept = new ArrayList<>(earlier);
    for (Cut cut : byCost) {
      boolean duplicate = false;
      for (Cut k : kept) {
        duplicate |= Math.abs(k.meanX() - cut.meanX()) < same;
      }
      if (!duplicate && kept.size() < most) {
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
