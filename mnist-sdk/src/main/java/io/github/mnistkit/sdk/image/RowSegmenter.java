package io.github.mnistkit.sdk.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits the blobs of a row of digits into one group per digit, left to right.
 *
 * <ul>
 *   <li>Blobs whose horizontal extents overlap by at least half the narrower one's width belong to
 *       the same digit: pieces of a broken stroke (a "5" with a detached bar, a "4" written in two
 *       strokes) lie above one another, while neighbouring digits in a row at most touch.
 *   <li>A group with less than a tenth of the largest group's ink is not a digit on its own: it
 *       joins the nearest digit if it lies within half that digit's height, and is dropped
 *       otherwise (a dot, a smudge).
 * </ul>
 *
 * Digits that touch each other form one blob and are not split.
 */
final class RowSegmenter {
  private static final double OVERLAP = 0.5;
  private static final double SMALL = 0.1;
  private static final double NEAR = 0.5;

  private RowSegmenter() {}

  static List<List<Blob>> split(List<Blob> blobs) {
    List<Group> groups = new ArrayList<>();
    for (Blob b : blobs) {
      groups.add(new Group(b));
    }
    mergeOverlapping(groups);
    int largest = 0;
    for (Group g : groups) {
      largest = Math.max(largest, g.area);
    }
    List<Group> digits = new ArrayList<>();
    List<Group> small = new ArrayList<>();
    for (Group g : groups) {
      (g.area >= SMALL * largest ? digits : small).add(g);
    }
    for (Group s : small) {
      Group nearest = null;
      for (Group d : digits) {
        if (nearest == null || s.gapTo(d) < s.gapTo(nearest)) {
          nearest = d;
        }
      }
      if (nearest != null && s.gapTo(nearest) <= NEAR * nearest.height()) {
        nearest.absorb(s);
      }
    }
    digits.sort(Comparator.comparingDouble(Group::centreX));
    List<List<Blob>> result = new ArrayList<>();
    for (Group d : digits) {
      result.add(List.copyOf(d.blobs));
    }
    return result;
  }

  private static void mergeOverlapping(List<Group> groups) {
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int i = 0; i < groups.size() && !merged; i++) {
        for (int j = i + 1; j < groups.size(); j++) {
          if (groups.get(i).overlapsStrongly(groups.get(j))) {
            groups.get(i).absorb(groups.remove(j));
            merged = true;
            break;
          }
        }
      }
    }
  }

  private static final class Group {
    final List<Blob> blobs = new ArrayList<>();
    int area;
    int minX;
    int maxX;
    int minY;
    int maxY;

    Group(Blob b) {
      blobs.add(b);
      area = b.area();
      minX = b.minX();
      maxX = b.maxX();
      minY = b.minY();
      maxY = b.maxY();
    }

    void absorb(Group other) {
      blobs.addAll(other.blobs);
      area += other.area;
      minX = Math.min(minX, other.minX);
      maxX = Math.max(maxX, other.maxX);
      minY = Math.min(minY, other.minY);
      maxY = Math.max(maxY, other.maxY);
    }

    boolean overlapsStrongly(Group other) {
      int overlap = Math.min(maxX, other.maxX) - Math.max(minX, other.minX) + 1;
      int narrower = Math.min(maxX - minX + 1, other.maxX - other.minX + 1);
      return overlap >= OVERLAP * narrower;
    }

    /** Horizontal distance between the extents, 0 when they overlap. */
    int gapTo(Group other) {
      return Math.max(0, Math.max(minX, other.minX) - Math.min(maxX, other.maxX));
    }

    int height() {
      return maxY - minY + 1;
    }

    double centreX() {
      return (minX + maxX) / 2.0;
    }
  }
}
