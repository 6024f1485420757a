package io.github.mnistkit.sdk.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes long thin straight lines from an ink mask (notebook ruling, form boxes, underlines, a
 * margin line) without erasing the strokes they cross.
 *
 * <ol>
 *   <li>Candidates: pixels in horizontal runs of ink at least a sixth of the image wide (gaps of up
 *       to {@value #GAP} pixels bridged: a thresholded line is often broken).
 *   <li>Lines: connected candidates at least {@value #MIN_LENGTH} pixels long that span at least
 *       half the image width and {@value #LONGER} times the height of the writing (the other pieces
 *       of ink; with no other ink there is no line), and are at most {@value #MAX_THICKNESS} pixels
 *       (and an eighth of the image height) thick on average. The bar of a 7 or a 5 is never that
 *       long.
 *   <li>Removal, column by column: the line's pixels are cleared unless ink continues both above
 *       and below the line there (within one column left or right): then a stroke crosses the line
 *       and its pixels stay. A stroke lying along the line (the bar of a 7 written on the ruling)
 *       keeps what is clearly not the line: pixels more than {@value #STROKE_DARKER} times as dark
 *       as the line's own darkness, and, where the ink is much thicker than the line, what lies
 *       outside a band of the line's thickness around its straight course.
 * </ol>
 *
 * A second search looks at the faint mask (darker than the paper by {@value #FAINT} of the ink
 * threshold) for lines spanning at least {@value #PAGE_SPAN} of the image: in a photo the light
 * falls off across the page, and a light-blue ruling line or a margin is then ink on the bright
 * side and not on the dark side; its inked pieces are too short to be lines, but they join the
 * digits they touch (or stand alone and are read as a "1"). In the faint mask the whole line is
 * found, and its inked pieces are removed with it. Only lines across (nearly) the whole image are
 * taken there, or lines at least {@value #OFF_PAGE_SPAN} of the width long that run off the page
 * (from a side edge out at the top or bottom: a sloping line cut off by the photo): a row of
 * touching digits has long faint runs too, but never edge to edge.
 *
 * <p>Vertical lines (a margin, a grid) are found the same way, spanning at least {@value
 * #VERTICAL_SPAN} of the image height and at least {@value #TALLER} times the median height of the
 * pieces of writing (a "1" is a long vertical stroke too). In images less than {@value #ROW_SHAPE}
 * times as wide as tall (a single digit, or a short row) the stem of a 7 or the side of a 0 would
 * pass for a margin, so there only lines of the faint search that stand apart from the writing
 * (next to no ink within {@value #APART_BAND} pixels beside them) and have less ink than the rest
 * are taken: a margin is written beside, a digit's stroke joins the digit. A margin that only
 * partly reaches the mask is still one when it lies outside all the writing, to its left or right,
 * spans at least {@value #EDGE_SPAN} of the height and is at least {@value #EDGE_TALLER} times as
 * tall as the writing: a "1" at the end of a row is as tall as its neighbours.
 */
final class RulingLines {
  static final int GAP = 4;
  static final int MAX_THICKNESS = 6;
  static final double MIN_RUN = 1.0 / 6;
  static final double HORIZONTAL_SPAN = 0.5;
  static final double VERTICAL_SPAN = 0.8;
  static final double ROW_SHAPE = 1.25;
  static final double TALLER = 1.5;
  static final double EDGE_SPAN = 0.5;
  static final double EDGE_TALLER = 1.7;
  private static final int EDGE_MARGIN = 3;
  static final double LONGER = 2.5;
  static final int MIN_LENGTH = 64;
  static final float FAINT = 0.5f;
  static final double PAGE_SPAN = 0.9;
  static final double OFF_PAGE_SPAN = 0.25;
  private static final int APART_BAND = 4;
  private static final float STROKE_DARKER = 1.6f;
  private static final int STROKE_ON_LINE = 2;
  private static final double APART_NOISE = 0.05;

  /** Which lines a pass looks for. */
  private enum Kind {
    /** Long thin straight lines. */
    PLAIN,
    /** Lines of the faint mask: across the page, or running off it (a sloping line, cut off). */
    PAGE,
    /** Vertical lines in a row of writing, also a margin reaching the mask only in part. */
    MARGIN,
    /** Vertical lines in a single character: only those standing apart from the writing. */
    APART
  }

  private RulingLines() {}

  /**
   * Clears the lines' pixels in {@code mask} and their darkness in {@code relative}; returns how
   * many lines were removed.
   */
  static int remove(boolean[] mask, float[] relative, int w, int h, float threshold) {
    boolean[] faint = new boolean[mask.length];
    float faintThreshold = FAINT * threshold;
    for (int i = 0; i < faint.length; i++) {
      faint[i] = relative[i] > faintThreshold;
    }
    int horizontal =
        removeHorizontal(mask, mask, relative, w, h, HORIZONTAL_SPAN, LONGER, Kind.PLAIN);
    horizontal += removeHorizontal(mask, faint, relative, w, h, PAGE_SPAN, LONGER, Kind.PAGE);
    if (h < MIN_LENGTH) {
      return horizontal; // too short for any vertical line
    }
    boolean row = w >= ROW_SHAPE * h;
    boolean[] transposed = transpose(mask, w, h);
    boolean[] faintT = transpose(faint, w, h);
    float[] relativeT = transpose(relative, w, h);
    int vertical = 0;
    if (row) {
      vertical +=
          removeHorizontal(
              transposed, transposed, relativeT, h, w, VERTICAL_SPAN, TALLER, Kind.MARGIN);
    }
    // In a single character its own tall stroke (a 7's stem, a 0's side) would pass for a margin:
    // there a vertical line must stand apart from all the writing.
    vertical +=
        removeHorizontal(
            transposed, faintT, relativeT, h, w, PAGE_SPAN, TALLER, row ? Kind.PAGE : Kind.APART);
    if (vertical > 0) {
      System.arraycopy(transpose(transposed, h, w), 0, mask, 0, mask.length);
      System.arraycopy(transpose(relativeT, h, w), 0, relative, 0, relative.length);
    }
    return horizontal + vertical;
  }

  /**
   * The median extent across the lines' direction of the mask's components once the candidates are
   * taken out, over those with at least a tenth of the largest's ink: the writing's size.
   */
  private static double writingSize(boolean[] mask, boolean[] candidate, int w, int h) {
    boolean[] rest = new boolean[mask.length];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = mask[i] && !candidate[i];
    }
    List<Blob> blobs = Components.label(rest, w, h, new int[rest.length]);
    int largest = 0;
    for (Blob b : blobs) {
      largest = Math.max(largest, b.area());
    }
    List<Integer> sizes = new ArrayList<>();
    for (Blob b : blobs) {
      if (b.area() >= 0.1 * largest) {
        sizes.add(b.height());
      }
    }
    sizes.sort(null);
    // Nothing but the candidates: they are what was written (a "1", a dash), not ruling.
    return sizes.isEmpty() ? Double.POSITIVE_INFINITY : sizes.get(sizes.size() / 2);
  }

  /**
   * @param margins also take shorter lines outside all the writing (see the class comment)
   */
  private static int removeHorizontal(
      boolean[] mask,
      boolean[] source,
      float[] relative,
      int w,
      int h,
      double span,
      double longer,
      Kind kind) {
    if (w < MIN_LENGTH) {
      return 0; // no piece can be MIN_LENGTH long (e.g. a 28×28 MNIST image): skip the search
    }
    boolean[] candidate = longRuns(source, w, h, Math.max(12, (int) (MIN_RUN * w)));
    int[] labels = new int[mask.length];
    List<Blob> pieces = Components.label(candidate, w, h, labels);
    boolean margins = kind == Kind.MARGIN;
    int longest = 0;
    for (Blob b : pieces) {
      longest = Math.max(longest, b.width());
    }
    double shortest =
        margins
            ? Math.min(span, EDGE_SPAN)
            : kind == Kind.PAGE ? Math.min(span, OFF_PAGE_SPAN) : span;
    if (longest < Math.max(MIN_LENGTH, shortest * w)) {
      return 0; // nothing long enough: spare measuring the writing
    }
    double writing = writingSize(mask, candidate, w, h);
    double minLength = Math.max(MIN_LENGTH, Math.max(span * w, longer * writing));
    double minEdgeLength = Math.max(MIN_LENGTH, Math.max(EDGE_SPAN * w, EDGE_TALLER * writing));
    double minOffPageLength = Math.max(MIN_LENGTH, Math.max(OFF_PAGE_SPAN * w, longer * writing));
    int maxThickness = Math.max(1, Math.min(MAX_THICKNESS, h / 8));
    int[] inkAbove = margins ? otherInkAbove(mask, candidate, w, h) : null;
    List<Blob> lines = new ArrayList<>();
    for (Blob b : pieces) {
      boolean thin = (double) b.area() / b.width() <= maxThickness;
      if (kind == Kind.APART
          && !(thin
              && b.width() >= minLength
              && otherInk(mask, candidate) > b.area()
              && apart(b, mask, candidate, w))) {
        continue;
      }
      boolean margin = margins && b.width() >= minEdgeLength && outsideWriting(b, inkAbove, h);
      boolean offPage =
          kind == Kind.PAGE && b.width() >= minOffPageLength && runsOffThePage(b, w, h);
      if (thin && (b.width() >= minLength || margin || offPage)) {
        lines.add(b);
      }
    }
    for (Blob line : lines) {
      erase(mask, relative, candidate, labels, line, w, h);
    }
    return lines.size();
  }

  /**
   * Whether next to {@code line}, within {@value #APART_BAND} pixels of its rows (its own ragged
   * edge, one pixel, aside), there is next to no other ink: a margin is written beside, a digit's
   * stroke is joined to the rest of the digit. The few pixels allowed are the stubs of ruling lines
   * kept where they cross it.
   */
  private static boolean apart(Blob line, boolean[] mask, boolean[] candidate, int w) {
    int h = mask.length / w;
    int near = 0;
    for (int y = line.minY() - APART_BAND; y <= line.maxY() + APART_BAND; y++) {
      if (y < 0 || y >= h || (y >= line.minY() - 1 && y <= line.maxY() + 1)) {
        continue;
      }
      for (int x = line.minX(); x <= line.maxX(); x++) {
        near += mask[y * w + x] && !candidate[y * w + x] ? 1 : 0;
      }
    }
    return near <= APART_NOISE * line.width();
  }

  private static int otherInk(boolean[] mask, boolean[] candidate) {
    int count = 0;
    for (int i = 0; i < mask.length; i++) {
      count += mask[i] && !candidate[i] ? 1 : 0;
    }
    return count;
  }

  /**
   * Whether {@code line} starts at the left or right edge of the image and leaves it at the top or
   * bottom: a ruling line sloping out of the photo.
   */
  private static boolean runsOffThePage(Blob line, int w, int h) {
    boolean side = line.minX() <= 1 || line.maxX() >= w - 2;
    return side && (line.minY() == 0 || line.maxY() == h - 1);
  }

  /** For each row r, how many pixels of ink that is not a line candidate lie in rows before r. */
  private static int[] otherInkAbove(boolean[] mask, boolean[] candidate, int w, int h) {
    int[] above = new int[h + 1];
    for (int y = 0; y < h; y++) {
      int count = 0;
      for (int x = 0; x < w; x++) {
        count += mask[y * w + x] && !candidate[y * w + x] ? 1 : 0;
      }
      above[y + 1] = above[y] + count;
    }
    return above;
  }

  /**
   * Whether all other ink is on one side of {@code line} (a few rows next to it, its own ragged
   * edge, aside), and there is other ink.
   */
  private static boolean outsideWriting(Blob line, int[] inkAbove, int h) {
    int before = inkAbove[Math.max(0, line.minY() - EDGE_MARGIN)];
    int after = inkAbove[h] - inkAbove[Math.min(h, line.maxY() + 1 + EDGE_MARGIN)];
    return (before == 0) != (after == 0);
  }

  /**
   * Horizontal runs of the mask at least {@code minRun} long, gaps of up to {@value #GAP} pixels
   * bridged (and included).
   */
  private static boolean[] longRuns(boolean[] mask, int w, int h, int minRun) {
    boolean[] out = new boolean[mask.length];
    for (int y = 0; y < h; y++) {
      int x = 0;
      while (x < w) {
        if (!mask[y * w + x]) {
          x++;
          continue;
        }
        int start = x;
        int end = x; // last ink pixel of the run
        int gap = 0;
        for (x = x + 1; x < w && gap <= GAP; x++) {
          if (mask[y * w + x]) {
            end = x;
            gap = 0;
          } else {
            gap++;
          }
        }
        if (end - start + 1 >= minRun) {
          for (int i = start; i <= end; i++) {
            out[y * w + i] = true;
          }
        }
        x = end + 1;
      }
    }
    return out;
  }

  /**
   * Clears the line column by column, except where a stroke crosses it. Where the line is much
   * thicker than along most of its length, a stroke lies on it (the bar of a 7 written on the
   * ruling): only a band of the line's own thickness around its straight course is cleared there.
   */
  private static void erase(
      boolean[] mask,
      float[] relative,
      boolean[] candidate,
      int[] labels,
      Blob line,
      int w,
      int h) {
    int[] tops = new int[line.width()];
    int[] bottoms = new int[line.width()];
    List<Integer> extents = new ArrayList<>();
    for (int x = line.minX(); x <= line.maxX(); x++) {
      int top = -1;
      int bottom = -1;
      for (int y = line.minY(); y <= line.maxY(); y++) {
        if (labels[y * w + x] == line.label()) {
          top = top < 0 ? y : top;
          bottom = y;
        }
      }
      tops[x - line.minX()] = top;
      bottoms[x - line.minX()] = bottom;
      if (top >= 0) {
        extents.add(bottom - top + 1);
      }
    }
    extents.sort(null);
    int thickness = extents.get(extents.size() / 2);
    double[] course = course(tops, bottoms, line.minX(), thickness);
    float keep = STROKE_DARKER * level(relative, tops, bottoms, line.minX(), w);
    for (int x = line.minX(); x <= line.maxX(); x++) {
      int top = tops[x - line.minX()];
      int bottom = bottoms[x - line.minX()];
      if (top < 0) {
        continue;
      }
      boolean crossed =
          inkNear(mask, candidate, w, h, x, top - 1, top - 2)
              && inkNear(mask, candidate, w, h, x, bottom + 1, bottom + 2);
      if (crossed) {
        continue;
      }
      if (bottom - top + 1 > thickness + STROKE_ON_LINE) {
        double centre = course[0] + course[1] * x;
        top = Math.max(top, (int) Math.floor(centre - thickness / 2.0) - 1);
        bottom = Math.min(bottom, (int) Math.ceil(centre + thickness / 2.0) + 1);
      }
      for (int y = top; y <= bottom; y++) {
        if (mask[y * w + x] && relative[y * w + x] <= keep) {
          mask[y * w + x] = false;
          relative[y * w + x] = 0f;
        }
      }
    }
  }

  /** The line's own darkness: the median over its columns of the darkest pixel in each. */
  private static float level(float[] relative, int[] tops, int[] bottoms, int minX, int w) {
    List<Float> peaks = new ArrayList<>();
    for (int i = 0; i < tops.length; i++) {
      float peak = 0f;
      for (int y = tops[i]; y >= 0 && y <= bottoms[i]; y++) {
        peak = Math.max(peak, relative[y * w + minX + i]);
      }
      if (tops[i] >= 0) {
        peaks.add(peak);
      }
    }
    peaks.sort(null);
    return peaks.get(peaks.size() / 2);
  }

  /**
   * The line's straight course {a, b} (centre row a + b·x), fitted by least squares to the centres
   * of the columns no thicker than the line itself.
   */
  private static double[] course(int[] tops, int[] bottoms, int minX, int thickness) {
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < tops.length; i++) {
      if (tops[i] >= 0 && bottoms[i] - tops[i] + 1 <= thickness + 1) {
        double x = minX + i;
        double y = (tops[i] + bottoms[i]) / 2.0;
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
      }
    }
    double det = n * sxx - sx * sx;
    if (n < 2 || det <= 0) {
      return new double[] {n == 0 ? 0 : sy / n, 0};
    }
    double b = (n * sxy - sx * sy) / det;
    return new double[] {(sy - b * sx) / n, b};
  }

  /** Ink that is not part of a line in rows {@code y1}, {@code y2}, columns x-1..x+1. */
  private static boolean inkNear(
      boolean[] mask, boolean[] candidate, int w, int h, int x, int y1, int y2) {
    for (int y : new int[] {y1, y2}) {
      if (y < 0 || y >= h) {
        continue;
      }
      for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
        if (mask[y * w + nx] && !candidate[y * w + nx]) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean[] transpose(boolean[] a, int w, int h) {
    boolean[] t = new boolean[a.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        t[x * h + y] = a[y * w + x];
      }
    }
    return t;
  }

  private static float[] transpose(float[] a, int w, int h) {
    float[] t = new float[a.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        t[x * h + y] = a[y * w + x];
      }
    }
    return t;
  }
}
