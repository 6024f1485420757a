package io.github.mnistkit.trainer.eval;

import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.stats.McNemar;
import io.github.mnistkit.trainer.stats.Proportion;
import java.util.Locale;

/**
 * Two models judged on the same images, image by image: how many both read, how many only the
 * second reads ({@code gained}), only the first ({@code lost}), neither. "Better" means better
 * beyond noise: more gained than lost with McNemar's exact one-sided p below {@code alpha}.
 */
public record PairedComparison(int bothRight, int gained, int lost, int bothWrong) {
  /** Probabilities per image: ten digits, then "not a digit". */
  public static final int COLUMNS = ModelMetadata.NOT_A_DIGIT_CLASS + 1;

  /**
   * From each model's class probabilities, {@link #COLUMNS} per image of {@code images} in order
   * (digits 0–9, then "not a digit", which is never right for a digit).
   */
  public static PairedComparison of(IdxDataset images, float[] before, float[] after) {
    int bothRight = 0;
    int gained = 0;
    int lost = 0;
    for (int i = 0; i < images.size(); i++) {
      int label = images.label(i);
      boolean wasRight = Softmax.argmax(before, i * COLUMNS, COLUMNS) == label;
      boolean isRight = Softmax.argmax(after, i * COLUMNS, COLUMNS) == label;
      bothRight += wasRight && isRight ? 1 : 0;
      gained += !wasRight && isRight ? 1 : 0;
      lost += wasRight && !isRight ? 1 : 0;
    }
    return new PairedComparison(bothRight, gained, lost, images.size() - bothRight - gained - lost);
  }

  public int images() {
    return bothRight + gained + lost + bothWrong;
  }

  /** The first model's accuracy. */
  public Proportion before() {
    return new Proportion(bothRight + lost, images());
  }

  /** The second model's accuracy. */
  public Proportion after() {
    return new Proportion(bothRight + gained, images());
  }

  /** McNemar's exact one-sided p-value for "the second model is better". */
  public double pValue() {
    return McNemar.oneSidedP(gained, lost);
  }

  /** Whether the second model is better beyond noise at level {@code alpha}. */
  public boolean better(double alpha) {
    return gained > lost && pValue() < alpha;
  }

  /** "12 gained, 2 lost (McNemar one-sided p = 0.0193)". */
  public String discordance() {
    return String.format(
        Locale.ROOT, "%d gained, %d lost (McNemar one-sided %s)", gained, lost, formatP(pValue()));
  }

  /** "p = 0.0193", or "p < 0.0001". */
  public static String formatP(double p) {
    return p < 1e-4 ? "p < 0.0001" : String.format(Locale.ROOT, "p = %.4f", p);
  }
}
