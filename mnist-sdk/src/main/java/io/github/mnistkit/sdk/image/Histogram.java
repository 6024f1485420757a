package io.github.mnistkit.sdk.image;

/** A 256-bin histogram of levels 0–255, with Otsu's threshold and percentiles. */
final class Histogram {
  private final int[] bins = new int[256];
  private int total;

  static Histogram of(float[] levels) {
    Histogram h = new Histogram();
    for (float v : levels) {
      h.add(v);
    }
    return h;
  }

  void add(float level) {
    bins[bin(level)]++;
    total++;
  }

  int total() {
    return total;
  }

  /**
   * Otsu's threshold: the level t that maximises the between-class variance of the classes {@code
   * <= t} and {@code > t}. 0 for an empty or single-level histogram.
   */
  int otsuThreshold() {
    double sumAll = 0;
    for (int i = 0; i < 256; i++) {
      sumAll += (double) i * bins[i];
    }
    double sumBelow = 0;
    long countBelow = 0;
    double best = -1;
    int threshold = 0;
    for (int t = 0; t < 255; t++) {
      if (bins[t] == 0) {
        continue; // the same split as t - 1, which cannot beat itself
      }
      countBelow += bins[t];
      sumBelow += (double) t * bins[t];
      long countAbove = total - countBelow;
      if (countAbove == 0) {
        break; // and so for every later t
      }
      double meanBelow = sumBelow / countBelow;
      double meanAbove = (sumAll - sumBelow) / countAbove;
      double between =
          (double) countBelow * countAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
      if (between > best) {
        best = between;
        threshold = t;
      }
    }
    return threshold;
  }

  /** How many values fall in bins above {@code level}. */
  int countAbove(int level) {
    int count = 0;
    for (int i = Math.max(level + 1, 0); i < 256; i++) {
      count += bins[i];
    }
    return count;
  }

  /** The smallest level at or below which at least {@code fraction} of the values lie. */
  int percentile(double fraction) {
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < 256; i++) {
      seen += bins[i];
      if (seen >= Math.max(rank, 1)) {
        return i;
      }
    }
    return 255;
  }

  /** Mean level of the values in bins {@code [from, to]}; {@code fallback} if there are none. */
  double mean(int from, int to, double fallback) {
    double sum = 0;
    long count = 0;
    for (int i = Math.max(from, 0); i <= Math.min(to, 255); i++) {
      sum += (double) i * bins[i];
      count += bins[i];
    }
    return count == 0 ? fallback : sum / count;
  }

  /**
   * The bin of {@code level}: {@code Math.round(level)} clamped to [0, 255] (NaN: 0), computed
   * without {@code Math.round}'s general-case bit handling, which showed in profiles of small
   * images (every pixel is binned several times).
   */
  static int bin(float level) {
    if (!(level < 255.5f)) {
      return level >= 255.5f ? 255 : 0; // large, +infinity, or NaN
    }
    if (level < 0.5f) {
      return 0; // includes negative levels and -infinity
    }
    int whole = (int) level; // exact floor for 0.5 <= level < 255.5
    return level - whole >= 0.5f ? whole + 1 : whole; // the subtraction is exact here
  }
}
