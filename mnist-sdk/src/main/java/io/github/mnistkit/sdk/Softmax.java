package io.github.mnistkit.sdk;

/**
 * Row-wise softmax and argmax over flat arrays of class scores ({@code classes} values per row):
 * the single implementation used by the SDK for logit-output models and by the trainer.
 */
public final class Softmax {
  private Softmax() {}

  /**
   * A new array with each row of {@code classes} logits turned into probabilities (exponentials of
   * the logits minus the row's maximum, summed in double precision).
   *
   * @throws IllegalArgumentException if {@code classes} is not positive or does not divide the
   *     length
   */
  public static float[] apply(float[] logits, int classes) {
    return apply(logits, classes, 1f);
  }

  /**
   * Like {@link #apply(float[], int)} for logits divided by {@code temperature}: a temperature
   * above 1 softens over-confident probabilities (calibration), below 1 sharpens them.
   */
  public static float[] apply(float[] logits, int classes, float temperature) {
    if (!(temperature > 0 && temperature < Float.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("temperature must be positive, was " + temperature);
    }
    if (classes <= 0 || logits.length % classes != 0) {
      throw new IllegalArgumentException(
          logits.length + " scores are not rows of " + classes + " classes");
    }
    float[] out = new float[logits.length];
    for (int row = 0; row < logits.length; row += classes) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[row + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp((logits[row + c] - max) / temperature);
      }
      for (int c = 0; c < classes; c++) {
        out[row + c] = (float) (Math.exp((logits[row + c] - max) / temperature) / sum);
      }
    }
    return out;
  }

  /**
   * Probabilities recalibrated with {@code temperature}, as if the softmax that made them had
   * divided its logits by it: each row becomes p^(1/T), normalised. Returns {@code probabilities}
   * itself when the temperature is 1.
   */
  public static float[] sharpen(float[] probabilities, int classes, float temperature) {
    if (temperature == 1f) {
      return probabilities;
    }
    float[] logs = new float[probabilities.length];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = (float) Math.log(Math.max(probabilities[i], Float.MIN_NORMAL));
    }
    return apply(logs, classes, temperature);
  }

  /**
   * The class with the highest score in {@code scores[offset, offset + classes)}; ties: the first.
   */
  public static int argmax(float[] scores, int offset, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (scores[offset + c] > scores[offset + best]) {
        best = c;
      }
    }
    return best;
  }
}
