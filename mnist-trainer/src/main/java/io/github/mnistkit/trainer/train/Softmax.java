package io.github.mnistkit.trainer.train;

/**
 * Row-wise softmax and argmax over flat arrays of class scores: the trainer's only copy (training,
 * evaluation and the export check all call this class). When the SDK publishes its own softmax/argmax
 * utility, make these two methods delegate to it (or replace their callers), so that the trainer
 * and the SDK share one implementation.
 */
public final class Softmax {
  private Softmax() {}

  public static float[] apply(float[] logits, int classes) {
    float[] out = new float[logits.length];
    for (int row = 0; row < logits.length; row += classes) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[row + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[row + c] - max);
      }
      for (int c = 0; c < classes; c++) {
        out[row + c] = (float) (Math.exp(logits[row + c] - max) / sum);
      }
    }
    return out;
  }

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
