package io.github.mnistkit.trainer.eval;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A minimum accuracy a model must reach, e.g. in CI; says how far off a model is and where it errs.
 */
public record QualityGate(double minAccuracy) {
  /** How many of the weakest digits a failure names. */
  public static final int WORST_DIGITS = 3;

  /**
   * @throws IllegalArgumentException unless {@code minAccuracy} is a fraction in [0, 1]
   */
  public QualityGate {
    if (!(minAccuracy >= 0 && minAccuracy <= 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "minAccuracy must be a fraction between 0"
                  + " and 1, such as 0.98 for 98%% (was %s).",
              minAccuracy));
    }
  }

  public boolean passes(Evaluation evaluation) {
    return evaluation.accuracy() >= minAccuracy; // false for NaN (no images)
  }

  /**
   * Empty when {@code evaluation} passes; otherwise the measured accuracy, the bar and the weakest
   * digits.
   */
  public Optional<String> failure(Evaluation evaluation) {
    if (passes(evaluation)) {
      return Optional.empty();
    }
    if (evaluation.total() == 0) {
      return Optional.of(
          "No labelled images to measure "
              + evaluation.model()
              + " on ("
              + evaluation.dataset()
              + ").");
    }
    String worst =
        evaluation.worstDigits(WORST_DIGITS).stream()
            .map(
                d ->
                    String.format(Locale.ROOT, "%d (recall %.2f%%)", d, 100 * evaluation.recall(d)))
            .collect(Collectors.joining(", "));
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Accuracy %.2f%% (%d of %d) of %s on %s is below the required"
                + " %.2f%%. Weakest digits: %s.",
            100 * evaluation.accuracy(),
            evaluation.correct(),
            evaluation.total(),
            evaluation.model(),
            evaluation.dataset(),
            100 * minAccuracy,
            worst));
  }
}
