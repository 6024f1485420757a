package io.github.mnistkit.sdk.image;

import java.util.List;

/**
 * The ink pixels of one digit candidate, in working-image coordinates: a whole group of blobs, or
 * the part of one or more groups between two cut paths.
 */
final class PieceMask {
  private final int minX;
  private final int minY;
  private final int width;
  private final int height;
  private final boolean[] bits;

  private PieceMask(int minX, int minY, int width, int height, boolean[] bits) {
    this.minX = minX;
    this.minY = minY;
    this.width = width;
    this.height = height;
    this.bits = bits;
  }

  /** All pixels of the blobs of {@code group}. */
  static PieceMask of(InkMap ink, List<Blob> group) {
    return ofParts(ink, List.of(new Part(group, null, null)));
  }

  /**
   * The union of {@code parts}: each is the pixels of a group of blobs from its left cut
   * (inclusive) to its right cut (exclusive).
   */
  static PieceMask ofParts(InkMap ink, List<Part> parts) {
    int x0 = Integer.MAX_VALUE;
    int y0 = Integer.MAX_VALUE;
    int x1 = -1;
    int y1 = -1;
    for (Part part : parts) {
      for (Blob b : part.group()) {
        x0 = Math.min(x0, b.minX());
        y0 = Math.min(y0, b.minY());
        x1 = Math.max(x1, b.maxX());
        y1 = Math.max(y1, b.maxY());
      }
    }
    int w = x1 - x0 + 1;
    int h = y1 - y0 + 1;
    boolean[] bits = new boolean[w * h];
    int imageWidth = ink.image().width();
    int[] labels = ink.labels();
    for (Part part : parts) {
      boolean[] member = members(part.group());
      for (Blob b : part.group()) {
        for (int y = b.minY(); y <= b.maxY(); y++) {
          int from = Math.max(b.minX(), part.left() == null ? b.minX() : part.left().at(y));
          int to = Math.min(b.maxX() + 1, part.right() == null ? b.maxX() + 1 : part.right().at(y));
          for (int x = from; x < to; x++) {
            int label = labels[y * imageWidth + x];
            if (label < member.length && member[label]) {
              bits[(y - y0) * w + (x - x0)] = true;
            }
          }
        }
      }
    }
    return new PieceMask(x0, y0, w, h, bits).trimmed();
  }

  /** A group of blobs between two cuts; a null cut is the group's own edge. */
  record Part(List<Blob> group, Cut left, Cut right) {}

  boolean isEmpty() {
    return width == 0;
  }

  boolean contains(int x, int y) {
    int bx = x - minX;
    int by = y - minY;
    return bx >= 0 && by >= 0 && bx < width && by < height && bits[by * width + bx];
  }

  /** True when the pixel or one of its 8 neighbours belongs to the piece. */
  boolean near(int x, int y) {
    for (int ny = y - 1; ny <= y + 1; ny++) {
      for (int nx = x - 1; nx <= x + 1; nx++) {
        if (contains(nx, ny)) {
          return true;
        }
      }
    }
    return false;
  }

  int minX() {
    return minX;
  }

  int minY() {
    return minY;
  }

  int maxX() {
    return minX + width - 1;
  }

  int maxY() {
    return minY + height - 1;
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  int area() {
    int area = 0;
    for (boolean b : bits) {
      area += b ? 1 : 0;
    }
    return area;
  }

  /** Twice the area over the perimeter against non-ink (a cut is not a stroke edge). */
  double strokeWidth(InkMap ink) {
    int w = ink.image().width();
    int h = ink.image().height();
    int[] labels = ink.labels();
    long area = 0;
    long perimeter = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (!bits[y * width + x]) {
          continue;
        }
        area++;
        int ix = x + minX;
        int iy = y + minY;
        perimeter +=
            paper(labels, w, h, ix - 1, iy)
                + paper(labels, w, h, ix + 1, iy)
                + paper(labels, w, h, ix, iy - 1)
                + paper(labels, w, h, ix, iy + 1);
      }
    }
    return perimeter == 0 ? 1 : 2.0 * area / perimeter;
  }

  private static int paper(int[] labels, int w, int h, int x, int y) {
    return x < 0 || y < 0 || x >= w || y >= h || labels[y * w + x] == 0 ? 1 : 0;
  }

  private PieceMask trimmed() {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (bits[y * width + x]) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 < 0) {
      return new PieceMask(minX, minY, 0, 0, new boolean[0]);
    }
    if (x0 == 0 && y0 == 0 && x1 == width - 1 && y1 == height - 1) {
      return this;
    }
    int w = x1 - x0 + 1;
    int h = y1 - y0 + 1;
    boolean[] out = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(bits, (y + y0) * width + x0, out, y * w, w);
    }
    return new PieceMask(minX + x0, minY + y0, w, h, out);
  }

  private static boolean[] members(List<Blob> group) {
    int max = 0;
    for (Blob b : group) {
      max = Math.max(max, b.label());
    }
    boolean[] member = new boolean[max + 1];
    for (Blob b : group) {
      member[b.label()] = true;
    }
    return member;
  }
}
