package io.github.mnistkit.trainer.train;

import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import java.util.Arrays;
import java.util.Locale;

/**
 * How far to trust a model's probabilities: the temperature T that makes softmax(logits / T) match
 * how often the model is right on held-out images (temperature scaling, Guo et al. 2017), and the
 * default confidence under which a digit answer counts as "not sure": the calibrated confidence
 * that {@value #UNSURE_SHARE_PERCENT}% of the held-out digits fall below.
 *
 * @param temperature the fitted temperature (1 = uncalibrated)
 * @param confidenceThreshold answers below this confidence are "not sure"
 * @param heldOutImages how many images it was fitted on (0 = not calibrated)
 * @param lossBefore mean cross-entropy on them at temperature 1
 * @param lossAfter mean cross-entropy on them at {@code temperature}
 */
public record ConfidenceCalibration(
    float temperature,
    float confidenceThreshold,
    int heldOutImages,
    double lossBefore,
    double lossAfter) {
  /** A model that was not calibrated: temperature 1, every digit answer sure. */
  public static final ConfidenceCalibration NONE =
      new ConfidenceCalibration(1f, 0f, 0, Double.NaN, Double.NaN);

  /** Fewer held-out images than this give a noisy temperature: the model is left as it is. */
  public static final int MIN_IMAGES = 500;

  static final double UNSURE_SHARE_PERCENT = 0.5;
  static final float MIN_THRESHOLD = 0.5f;
  static final float MAX_THRESHOLD = 0.9f;

  /**
   * Fits the temperature and threshold on {@code heldOut} (images the model was not trained on,
   * digits and, for a model that can refuse, "not a digit" examples).
   */
  public static ConfidenceCalibration fit(TrainedModel model, IdxDataset heldOut) {
    float[] logits = model.logits(heldOut);
    int classes = model.classes();
    double lo = Math.log(0.25);
    double hi = Math.log(8);
    double golden = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 60; i++) { // golden-section search on log T; the loss is unimodal in T
      double a = hi - golden * (hi - lo);
      double b = lo + golden * (hi - lo);
      if (loss(logits, classes, (float) Math.exp(a), heldOut)
          < loss(logits, classes, (float) Math.exp(b), heldOut)) {
        hi = b;
      } else {
        lo = a;
      }
    }
    float temperature = (float) Math.exp((lo + hi) / 2);
    float threshold = threshold(Softmax.apply(logits, classes, temperature), classes, heldOut);
    return new ConfidenceCalibration(
        temperature,
        threshold,
        heldOut.size(),
        loss(logits, classes, 1f, heldOut),
        loss(logits, classes, temperature, heldOut));
  }

  private static double loss(float[] logits, int classes, float temperature, IdxDataset data) {
    float[] p = Softmax.apply(logits, classes, temperature);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum -= Math.log(Math.max(p[i * classes + data.label(i)], 1e-12));
    }
    return sum / data.size();
  }

  /** The confidence that {@value #UNSURE_SHARE_PERCENT}% of the held-out digits fall below. */
  private static float threshold(float[] p, int classes, IdxDataset data) {
    float[] confidences = new float[data.size()];
    int n = 0;
    for (int i = 0; i < data.size(); i++) {
      if (data.label(i) < io.github.mnistkit.trainer.nn.Architecture.DIGITS) {
        confidences[n++] =
            p[
                i * classes
                    + Softmax.argmax(
                        p, i * classes, io.github.mnistkit.trainer.nn.Architecture.DIGITS)];
      }
    }
    if (n == 0) {
      return 0f;
    }
    Arrays.sort(confidences, 0, n);
    float quantile = confidences[(int) Math.floor(n * UNSURE_SHARE_PERCENT / 100)];
    return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, quantile));
  }

  @Override
  public String toString() {
    return heldOutImages == 0
        ? "not calibrated"
        : String.format(
            Locale.ROOT,
            "temperature %.3f (cross-entropy %.4f -> %.4f on %d held-out images),"
                + " not-sure threshold %.3f",
            temperature,
            lossBefore,
            lossAfter,
            heldOutImages,
            confidenceThreshold);
  }
}
