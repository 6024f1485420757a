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
 *       and its pixels stay.
 * </ol>
 *
 * Vertical lines (a margin, a grid) are found the same way, spanning at least {@value
 * #VERTICAL_SPAN} of the image height and at least {@value #TALLER} times the median height of the
 * pieces of writing (a "1" is a long vertical stroke too), and only in images at least {@value
 * #ROW_SHAPE} times as wide as tall: in a single digit the rest of the writing is part of the same
 * digit, and the stem of a 7 or the side of a 0 would pass for a margin. A margin that only partly
 * reaches the mask (light falling off across a photo) is still one when it lies outside all the
 * writing, to its left or right, spans at least {@value #EDGE_SPAN} of the height and is at least
 * {@value #EDGE_TALLER} times as tall as the writing: a "1" at the end of a row is as tall as its
 * neighbours.
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

  private RulingLines() {}

  /**
   * Clears the lines' pixels in {@code mask} and their darkness in {@code relative}; returns how
   * many lines were removed.
   */
  static int remove(boolean[] mask, float[] relative, int w, int h) {
    int horizontal = removeHorizontal(mask, relative, w, h, HORIZONTAL_SPAN, LONGER, false);
    if (w < ROW_SHAPE * h || h < MIN_LENGTH) {
      // a single character: its own tall stroke is no margin line; or too short for any line
      return horizontal;
    }
    boolean[] transposed = transpose(mask, w, h);
    float[] relativeT = transpose(relative, w, h);
    int vertical = removeHorizontal(transposed, relativeT, h, w, VERTICAL_SPAN, TALLER, true);
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
      boolean[] mask, float[] relative, int w, int h, double span, double longer, boolean margins) {
    if (w < MIN_LENGTH) {
      return 0; // no piece can be MIN_LENGTH long (e.g. a 28×28 MNIST image): skip the search
    }
    boolean[] candidate = longRuns(mask, w, h, Math.max(12, (int) (MIN_RUN * w)));
    double writing = writingSize(mask, candidate, w, h);
    double minLength = Math.max(MIN_LENGTH, Math.max(span * w, longer * writing));
    double minEdgeLength = Math.max(MIN_LENGTH, Math.max(EDGE_SPAN * w, EDGE_TALLER * writing));
    int[] labels = new int[mask.length];
    List<Blob> pieces = Components.label(candidate, w, h, labels);
    int maxThickness = Math.max(1, Math.min(MAX_THICKNESS, h / 8));
    int[] inkAbove = margins ? otherInkAbove(mask, candidate, w, h) : null;
    List<Blob> lines = new ArrayList<>();
    for (Blob b : pieces) {
      boolean thin = (double) b.area() / b.width() <= maxThickness;
      boolean margin = margins && b.width() >= minEdgeLength && outsideWriting(b, inkAbove, h);
      if (thin && (b.width() >= minLength || margin)) {
        lines.add(b);
      }
    }
    for (Blob line : lines) {
      erase(mask, relative, candidate, labels, line, w, h);
    }
    return lines.size();
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

  private static void erase(
      boolean[] mask,
      float[] relative,
      boolean[] candidate,
      int[] labels,
      Blob line,
      int w,
      int h) {
    for (int x = line.minX(); x <= line.maxX(); x++) {
      int top = -1;
      int bottom = -1;
      for (int y = line.minY(); y <= line.maxY(); y++) {
        if (labels[y * w + x] == line.label() && mask[y * w + x]) {
          top = top < 0 ? y : top;
          bottom = y;
        }
      }
      if (top < 0) {
        continue;
      }
      boolean crossed =
          inkNear(mask, candidate, w, h, x, top - 1, top - 2)
              && inkNear(mask, candidate, w, h, x, bottom + 1, bottom + 2);
      if (!crossed) {
        for (int y = top; y <= bottom; y++) {
          mask[y * w + x] = false;
          relative[y * w + x] = 0f;
        }
      }
    }
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
