package io.github.mnistkit.trainer.stats;

/**
 * McNemar's exact test for two classifiers judged on the same images. Only the discordant images
 * count: {@code gained} (the second is right, the first wrong) and {@code lost} (the reverse). If
 * the two were equally good, each discordant image would fall either way with probability 1/2, so
 * {@code gained} is Binomial(gained + lost, 1/2).
 */
public final class McNemar {
  private McNemar() {}

  /**
   * The one-sided p-value for "the second classifier is better": P(X ≥ gained) for X ~
   * Binomial(gained + lost, 1/2); 1 when there are no discordant images.
   */
  public static double oneSidedP(int gained, int lost) {
    if (gained < 0 || lost < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative (gained " + gained + ", lost " + lost + ")");
    }
    int n = gained + lost;
    // the sum of C(n, i) / 2^n for i >= gained, in logarithms so that thousands of images do not
    // overflow
    double[] logTerms = new double[n - gained + 1];
    double logBinomial = n * Math.log(0.5); // log(C(n, 0) / 2^n)
    for (int i = 0; i <= n; i++) {
      if (i >= gained) {
        logTerms[i - gained] = logBinomial;
      }
      logBinomial += Math.log(n - i) - Math.log(i + 1);
    }
    double largest = java.util.Arrays.stream(logTerms).max().orElseThrow();
    double sum = 0;
    for (double logTerm : logTerms) {
      sum += Math.exp(logTerm - largest);
    }
    return Math.min(1, Math.exp(largest + Math.log(sum)));
  }
}
