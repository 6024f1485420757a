package io.github.mnistkit.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.github.mnistkit.trainer.report.EvaluationReport;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  /** 10 images per digit; digit 8 is right 5 times, digit 3 eight times, the rest always. */
  private static Evaluation evaluation() {
    int[][] confusion = new int[10][11];
    for (int d = 0; d < 10; d++) {
      confusion[d][d] = 10;
    }
    confusion[8][8] = 5;
    confusion[8][3] = 4;
    confusion[8][Evaluation.NO_DIGIT] = 1;
    confusion[3][3] = 8;
    confusion[3][5] = 2;
    return new Evaluation("model.onnx", "mnist test set", confusion);
  }

  @Test
  void failureNamesAccuracyBarAndWeakestDigits() {
    assertTrue(new QualityGate(0.93).failure(evaluation()).isEmpty());
    assertEquals(
        "Accuracy 93.00% (93 of 100) of model.onnx on mnist test set is below the required 95.00%."
            + " Weakest digits: 8 (recall 50.00%), 3 (recall 80.00%), 0 (recall 100.00%).",
        new QualityGate(0.95).failure(evaluation()).orElseThrow());
  }

  @Test
  void barMustBeAFraction() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new QualityGate(98));
    assertEquals(
        "minAccuracy must be a fraction between 0 and 1, such as 0.98 for 98% (was 98.0).",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new QualityGate(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new QualityGate(-0.1));
  }

  @Test
  void reportHoldsAccuracyGateAndConfusion() {
    var json =
        JsonParser.parseString(EvaluationReport.toJson(evaluation(), new QualityGate(0.95)))
            .getAsJsonObject();
    assertEquals(0.93, json.get("accuracy").getAsDouble(), 1e-12);
    assertEquals(false, json.get("passed").getAsBoolean());
    assertEquals(
        0.5,
        json.getAsJsonArray("digits").get(8).getAsJsonObject().get("recall").getAsDouble(),
        1e-12);
    assertEquals(11, json.getAsJsonArray("confusion").get(0).getAsJsonArray().size());
  }
}
