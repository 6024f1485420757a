package io.github.mnistkit.sdk.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** 8-connected component labelling of a binary mask. */
final class Components {
  private Components() {}

  /**
   * Labels the mask's components 1, 2, … in scan order, writing the labels into {@code labels} (0
   * outside the mask), and returns one {@link Blob} per component, index = label - 1.
   */
  static List<Blob> label(boolean[] mask, int w, int h, int[] labels) {
    List<Blob> blobs = new ArrayList<>();
    int[] stack = new int[Math.max(16, w * h / 4)];
    for (int start = 0; start < mask.length; start++) {
      if (!mask[start] || labels[start] != 0) {
        continue;
      }
      int label = blobs.size() + 1;
      int area = 0;
      int perimeter = 0;
      int minX = w;
      int minY = h;
      int maxX = -1;
      int maxY = -1;
      int top = 0;
      stack[top++] = start;
      labels[start] = label;
      while (top > 0) {
        int p = stack[--top];
        int x = p % w;
        int y = p / w;
        area++;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        perimeter +=
            edge(mask, w, h, x - 1, y)
                + edge(mask, w, h, x + 1, y)
                + edge(mask, w, h, x, y - 1)
                + edge(mask, w, h, x, y + 1);
        for (int dy = -1; dy <= 1; dy++) {
          int ny = y + dy;
          if (ny < 0 || ny >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int q = ny * w + nx;
            if (nx >= 0 && nx < w && mask[q] && labels[q] == 0) {
              labels[q] = label;
              if (top == stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
              }
              stack[top++] = q;
            }
          }
        }
      }
      blobs.add(new Blob(label, area, perimeter, minX, minY, maxX, maxY));
    }
    return blobs;
  }

  private static int edge(boolean[] mask, int w, int h, int x, int y) {
    return x < 0 || y < 0 || x >= w || y >= h || !mask[y * w + x] ? 1 : 0;
  }
}
