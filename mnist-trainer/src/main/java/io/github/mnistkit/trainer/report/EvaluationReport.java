package io.github.mnistkit.trainer.report;

import com.google.gson.GsonBuilder;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.QualityGate;
import io.github.mnistkit.trainer.io.AtomicFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code evaluation.json} of a model check (accuracy, per-digit precision/recall, confusion
 * matrix, gate) and, beside it, {@code evaluation.html} with the confusion heat-map and
 * misclassified images.
 */
public final class EvaluationReport {
  public static final String FILE = "evaluation.json";

  private EvaluationReport() {}

  /**
   * @param gate the bar applied, or null for none
   */
  public static String toJson(Evaluation evaluation, QualityGate gate) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", evaluation.model());
    json.put("dataset", evaluation.dataset());
    json.put("finished", Instant.now().toString());
    json.put("images", evaluation.total());
    json.put("correct", evaluation.correct());
    json.put("accuracy", evaluation.accuracy());
    if (gate != null) {
      json.put("min_accuracy", gate.minAccuracy());
      json.put("passed", gate.passes(evaluation));
    }
    List<Map<String, Object>> digits = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      Map<String, Object> digit = new LinkedHashMap<>();
      digit.put("digit", d);
      digit.put("images", evaluation.support(d));
      digit.put("precision", evaluation.precision(d));
      digit.put("recall", evaluation.recall(d));
      digits.add(digit);
    }
    json.put("digits", digits);
    json.put("confusion_columns", "predicted digit 0-9, then no digit");
    json.put("confusion", evaluation.confusion());
    return new GsonBuilder()
        .setPrettyPrinting()
        .serializeSpecialFloatingPointValues()
        .create()
        .toJson(json);
  }

  /**
   * Writes {@code file} and the HTML page beside it ({@code name.json} → {@code name.html}, {@code
   * name-*.png}).
   */
  public static void write(Path file, Evaluation evaluation, QualityGate gate) {
    AtomicFiles.writeString(file, toJson(evaluation, gate));
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    html(evaluation, gate)
        .imagePrefix(stem + "-")
        .build()
        .write(file.resolveSibling(stem + ".html"));
  }

  private static HtmlReport.Builder html(Evaluation evaluation, QualityGate gate) {
    HtmlReport.Builder html =
        HtmlReport.builder("Evaluation of " + evaluation.model())
            .fact("Model", evaluation.model())
            .fact("Dataset", evaluation.dataset())
            .fact("Accuracy", String.format(Locale.ROOT, "%.2f%%", 100 * evaluation.accuracy()));
    if (gate != null) {
      html.fact(
          "Quality gate",
          String.format(
              Locale.ROOT,
              "%s (minimum %.2f%%)",
              gate.passes(evaluation) ? "passed" : "FAILED",
              100 * gate.minAccuracy()));
    }
    return html.evaluation(evaluation);
  }
}
