package io.github.mnistkit.trainer.job;

import com.google.gson.GsonBuilder;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.io.AtomicFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code evaluation.json} of a model check: accuracy, per-digit precision/recall, confusion matrix, gate. */
public final class EvaluationReport {
  public static final String FILE = "evaluation.json";

  private EvaluationReport() {}

  /** @param gate the bar applied, or null for none */
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
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json);
  }

  public static void write(Path file, Evaluation evaluation, QualityGate gate) {
    AtomicFiles.writeString(file, toJson(evaluation, gate));
  }
}
