package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.evaluation.EvaluationSets;
import io.github.mnistkit.sdk.image.DigitImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading rows of digits and refusing non-digits, through the public API with the default model and
 * default settings, on evaluation sets generated from the MNIST test set (see {@link
 * EvaluationSets}). Prints the table of issue 10.
 *
 * <p>{@code java -Dmnist.dataDirectory=../shared/data/mnist -cp
 * mnist-benchmarks/target/benchmarks.jar io.github.mnistkit.benchmarks.ReadingBenchmark [rows per
 * set] [non-digits] [seed]}; {@code -Dreading.model=model.onnx} measures another model file.
 */
public final class ReadingBenchmark {
  private ReadingBenchmark() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int nonDigitCount = args.length > 1 ? Integer.parseInt(args[1]) : 1400;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 2026;
    boolean verbose = Boolean.getBoolean("reading.verbose");
    Path data = Path.of(System.getProperty("mnist.dataDirectory", "test-data/mnist"));
    EvaluationSets sets = EvaluationSets.fromMnistTest(data);
    List<String> table = new ArrayList<>();
    String model = System.getProperty("reading.model");
    try (DigitRecognizer recognizer =
        model == null
            ? DigitRecognizer.createDefault()
            : DigitRecognizer.builder().model(Path.of(model)).build()) {
      System.out.printf(
          Locale.ROOT,
          "Model: %s%nDigits: %s (%d MNIST test images), seed %d, "
              + "Fashion-MNIST pictures: %s%n",
          recognizer.modelInfo(),
          data,
          sets.digits().size(),
          seed,
          sets.hasPictures() ? "yes" : "not installed, skipped");
      table.add(
          rowsLine(
              "`readNumber` exact string, separated rows",
              recognizer,
              sets.separatedRows(rows, seed),
              verbose));
      table.add(
          rowsLine(
              "touching/overlapping rows", recognizer, sets.touchingRows(rows, seed + 1), verbose));
      table.add(
          rowsLine("ruled-paper photos", recognizer, sets.ruledPhotos(rows, seed + 2), verbose));
      table.add(nonDigitLine(recognizer, sets.nonDigits(nonDigitCount, seed + 3)));
      table.addAll(singleDigitLines(recognizer, sets));
      table.add(mnistLine(recognizer, sets.digits()));
    }
    System.out.println();
    System.out.println("| task | result |");
    System.out.println("|---|---|");
    table.forEach(System.out::println);
  }

  private static String rowsLine(
      String task, DigitRecognizer recognizer, List<EvaluationSets.Row> rows, boolean verbose) {
    long start = System.nanoTime();
    int exact = 0;
    int wrongCount = 0;
    int shown = 0;
    for (EvaluationSets.Row row : rows) {
      DigitSequence read = recognizer.readNumber(row.image());
      exact += read.text().equals(row.text()) ? 1 : 0;
      wrongCount += read.text().length() != row.text().length() ? 1 : 0;
      if (verbose && !read.text().equals(row.text()) && shown++ < 30) {
        System.out.println("  " + task + ": expected " + row.text() + ", read " + read.text());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-45s exact %.1f%% (%d/%d), digit count wrong %.1f%%, %.1f ms/row%n",
        task,
        pct(exact, rows.size()),
        exact,
        rows.size(),
        pct(wrongCount, rows.size()),
        1000 * seconds / rows.size());
    return String.format(
        Locale.ROOT,
        "| %s | %.1f%% (%d/%d; digit count wrong in %.1f%%) |",
        task,
        pct(exact, rows.size()),
        exact,
        rows.size(),
        pct(wrongCount, rows.size()));
  }

  private static String nonDigitLine(
      DigitRecognizer recognizer, List<EvaluationSets.Sample> samples) {
    int refused = 0;
    int over90 = 0;
    int over99 = 0;
    Map<String, int[]> byKind = new TreeMap<>();
    for (EvaluationSets.Sample sample : samples) {
      Recognition r = recognizer.recognize(sample.image());
      int[] kind = byKind.computeIfAbsent(sample.kind(), k -> new int[2]);
      kind[1]++;
      if (!r.hasDigit()) {
        refused++;
        kind[0]++;
      }
      over90 += r.isConfident(0.9) ? 1 : 0;
      over99 += r.isConfident(0.99) ? 1 : 0;
    }
    StringBuilder kinds = new StringBuilder();
    byKind.forEach((k, v) -> kinds.append(String.format(Locale.ROOT, "%s %d/%d, ", k, v[0], v[1])));
    System.out.printf(
        Locale.ROOT,
        "non-digit images: refused %.1f%% (%d/%d) [%s], a digit with "
            + "confidence >= 0.9: %.1f%%, >= 0.99: %.1f%%%n",
        pct(refused, samples.size()),
        refused,
        samples.size(),
        kinds.toString().replaceAll(", $", ""),
        pct(over90, samples.size()),
        pct(over99, samples.size()));
    return String.format(
        Locale.ROOT,
        "| non-digit images refused at default settings | %.1f%% "
            + "(%d/%d; %.0f%% get a digit with confidence ≥ 0.9, %.0f%% ≥ 0.99) |",
        pct(refused, samples.size()),
        refused,
        samples.size(),
        pct(over90, samples.size()),
        pct(over99, samples.size()));
  }

  private static List<String> singleDigitLines(DigitRecognizer recognizer, EvaluationSets sets) {
    List<EvaluationSets.Sample> samples = sets.singleDigits(0, sets.digits().size());
    int wrong = 0;
    int refused = 0;
    int unsure = 0;
    int unsureWrong = 0;
    for (EvaluationSets.Sample sample : samples) {
      Recognition r = recognizer.recognize(sample.image());
      if (!r.isSure()) { // accepted = a sure digit; refused = not sure, not a digit, or blank
        refused++;
        unsure += r.verdict() == Recognition.Verdict.UNSURE ? 1 : 0;
        unsureWrong += r.hasDigit() && r.digit() != sample.label() ? 1 : 0;
      } else if (r.digit() != sample.label()) {
        wrong++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "single MNIST test digits on paper (recognize, threshold %.3f): accepted and wrong"
            + " %.2f%% (%d/%d), refused %.2f%% (%d: %d not sure, of them %d wrong; %d not a"
            + " digit or blank)%n",
        recognizer.confidenceThreshold(),
        pct(wrong, samples.size()),
        wrong,
        samples.size(),
        pct(refused, samples.size()),
        refused,
        unsure,
        unsureWrong,
        refused - unsure);
    return List.of(
        String.format(
            Locale.ROOT,
            "| single MNIST test digits on paper: accepted and wrong | %.2f%% " + "(%d/%d) |",
            pct(wrong, samples.size()),
            wrong,
            samples.size()),
        String.format(
            Locale.ROOT,
            "| single MNIST test digits on paper: refused | %.2f%% (%d) |",
            pct(refused, samples.size()),
            refused));
  }

  private static String mnistLine(DigitRecognizer recognizer, IdxDataset test) {
    List<DigitImage> digits = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      digits.add(DigitImage.ofMnistBytes(test.imageBytes(i)));
    }
    List<Recognition> results = recognizer.classify(digits);
    int correct = 0;
    for (int i = 0; i < results.size(); i++) {
      correct += results.get(i).digit() == test.label(i) ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "MNIST test, classify(28x28): %.2f%% (%d/%d)%n",
        pct(correct, test.size()),
        correct,
        test.size());
    return String.format(
        Locale.ROOT,
        "| bundled model, MNIST test, `classify` | %.2f%% (%d/%d) |",
        pct(correct, test.size()),
        correct,
        test.size());
  }

  private static double pct(int part, int whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
