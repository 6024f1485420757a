package io.github.mnistkit.trainer.eval;

import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * How a model did on labelled images: the confusion matrix (rows = true digit, columns = predicted;
 * column 10 counts images where no digit was found), accuracy, per-digit precision and recall, and
 * the first {@link #MAX_MISTAKES} wrongly recognised images for a report.
 */
public record Evaluation(String model, String dataset, int[][] confusion, List<Mistake> mistakes) {
  /** Column of {@link #confusion()} that counts "no digit" answers. */
  public static final int NO_DIGIT = 10;

  /** How many wrongly recognised images an evaluation keeps. */
  public static final int MAX_MISTAKES = 36;

  public Evaluation {
    mistakes = List.copyOf(mistakes);
  }

  /** Without example images. */
  public Evaluation(String model, String dataset, int[][] confusion) {
    this(model, dataset, confusion, List.of());
  }

  /**
   * From a model's class probabilities, {@link PairedComparison#COLUMNS} per image of {@code data}
   * in order: digits 0–9, then "not a digit", which counts in the {@link #NO_DIGIT} column.
   */
  public static Evaluation of(
      String model, String dataset, IdxDataset data, float[] probabilities) {
    int columns = PairedComparison.COLUMNS;
    Tally tally = new Tally();
    for (int i = 0; i < data.size(); i++) {
      int predicted = Softmax.argmax(probabilities, i * columns, columns);
      int image = i;
      tally.add(
          data.label(i),
          predicted,
          probabilities[i * columns + predicted],
          () -> DigitImage.ofMnistBytes(data.imageBytes(image)));
    }
    return tally.toEvaluation(model, dataset);
  }

  /** Counts answers into a confusion matrix, keeping the first {@link #MAX_MISTAKES} wrong ones. */
  public static final class Tally {
    private final int[][] confusion = new int[10][11];
    private final List<Mistake> mistakes = new ArrayList<>();

    /**
     * One answer: {@code predicted} is a digit or {@link #NO_DIGIT}; {@code image} is asked for
     * only when the answer is wrong and still kept as an example.
     */
    public void add(int label, int predicted, float confidence, Supplier<DigitImage> image) {
      confusion[label][predicted]++;
      if (predicted != label && mistakes.size() < MAX_MISTAKES) {
        mistakes.add(new Mistake(image.get(), label, predicted, confidence));
      }
    }

    /** An input that could not be read: counted as "no digit", kept without an example. */
    public void addUnreadable(int label) {
      confusion[label][NO_DIGIT]++;
    }

    public Evaluation toEvaluation(String model, String dataset) {
      int[][] copy = new int[10][];
      for (int d = 0; d < 10; d++) {
        copy[d] = confusion[d].clone();
      }
      return new Evaluation(model, dataset, copy, mistakes);
    }
  }

  public int total() {
    return IntStream.range(0, 10).map(this::support).sum();
  }

  public int correct() {
    return IntStream.range(0, 10).map(d -> confusion[d][d]).sum();
  }

  public double accuracy() {
    return total() == 0 ? Double.NaN : correct() / (double) total();
  }

  /** Images whose true digit is {@code digit}. */
  public int support(int digit) {
    return IntStream.of(confusion[digit]).sum();
  }

  /** Of the images predicted as {@code digit}, the share that were; NaN if none were predicted. */
  public double precision(int digit) {
    int predicted = IntStream.range(0, 10).map(t -> confusion[t][digit]).sum();
    return predicted == 0 ? Double.NaN : confusion[digit][digit] / (double) predicted;
  }

  /** Of the images of {@code digit}, the share recognised as it; NaN if there were none. */
  public double recall(int digit) {
    int support = support(digit);
    return support == 0 ? Double.NaN : confusion[digit][digit] / (double) support;
  }

  /** Digits with images, lowest recall first. */
  public List<Integer> worstDigits(int count) {
    List<Integer> digits = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      if (support(d) > 0) {
        digits.add(d);
      }
    }
    digits.sort(Comparator.comparingDouble(this::recall));
    return digits.subList(0, Math.min(count, digits.size()));
  }

  /** A human-readable table: accuracy, per-digit precision/recall, confusion matrix. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Accuracy %.2f%% (%d of %d) of %s on %s%n",
            100 * accuracy(),
            correct(),
            total(),
            model,
            dataset));
    out.append("digit  precision  recall  images\n");
    for (int d = 0; d < 10; d++) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %d    %7.2f%%  %6.2f%%  %6d%n",
              d,
              100 * precision(d),
              100 * recall(d),
              support(d)));
    }
    out.append("confusion (rows: true digit, columns: predicted, last: no digit)\n      ");
    for (int p = 0; p <= 10; p++) {
      out.append(String.format("%6s", p == NO_DIGIT ? "none" : Integer.toString(p)));
    }
    out.append('\n');
    for (int t = 0; t < 10; t++) {
      out.append(String.format("%6d", t));
      for (int p = 0; p <= 10; p++) {
        out.append(String.format("%6d", confusion[t][p]));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
