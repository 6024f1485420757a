package io.github.mnistkit.trainer.stats;

import java.util.Locale;

/**
 * A share of images, e.g. an accuracy: {@code successes} of {@code trials}, with its 95% Wilson
 * score interval, which stays inside [0, 1] and is honest at 0% and 100% and for few images (the
 * normal approximation is not).
 */
public record Proportion(int successes, int trials) {
  /** The two-sided 95% normal quantile. */
  static final double Z95 = 1.959963984540054;

  public Proportion {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "successes must be in [0, trials] (" + successes + " of " + trials + ")");
    }
  }

  /** The share; NaN for no trials. */
  public double value() {
    return trials == 0 ? Double.NaN : successes / (double) trials;
  }

  /** Lower end of the 95% Wilson interval; NaN for no trials. */
  public double low() {
    return wilson(-1);
  }

  /** Upper end of the 95% Wilson interval; NaN for no trials. */
  public double high() {
    return wilson(1);
  }

  private double wilson(int sign) {
    if (trials == 0) {
      return Double.NaN;
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double centre = p + z2 / (2 * n);
    double spread = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double bound = (centre + sign * spread) / (1 + z2 / n);
    return Math.min(1, Math.max(0, bound));
  }

  /** "96.67% (95% CI 88.6–99.1%) on 60 images", or "n/a (no images)". */
  @Override
  public String toString() {
    if (trials == 0) {
      return "n/a (no images)";
    }
    return String.format(Locale.ROOT, "%s on %d images", withInterval(), trials);
  }

  /** "96.67% (95% CI 88.6–99.1%)", or "n/a". */
  public String withInterval() {
    if (trials == 0) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT, "%.2f%% (95%% CI %.1f–%.1f%%)", 100 * value(), 100 * low(), 100 * high());
  }
}
