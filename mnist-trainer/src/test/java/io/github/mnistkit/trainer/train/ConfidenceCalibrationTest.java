package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidenceCalibrationTest {
  static DigitData data;
  static TrainingResult trained;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    data = Fixture.load();
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(2).maxTrainImages(1500).seed(5).build();
    trained = new DigitTrainer(config, TrainingListener.SILENT, null).train(data);
  }

  @Test
  void theFittedTemperatureMinimisesHeldOutCrossEntropy() {
    IdxDataset heldOut = data.test();
    ConfidenceCalibration calibration = ConfidenceCalibration.fit(trained.model(), heldOut);
    float[] logits = trained.model().logits(heldOut);
    double best = crossEntropy(logits, calibration.temperature(), heldOut);
    assertEquals(calibration.lossAfter(), best, 1e-9);
    assertEquals(calibration.lossBefore(), crossEntropy(logits, 1f, heldOut), 1e-9);
    assertTrue(best <= calibration.lossBefore());
    for (float factor : new float[] {0.8f, 0.95f, 1.05f, 1.25f}) {
      float t = calibration.temperature() * factor;
      assertTrue(crossEntropy(logits, t, heldOut) >= best - 1e-9, "T = " + t + " is better");
    }
  }

  @Test
  void theThresholdLeavesHalfAPercentOfHeldOutDigitsUnsureWithinItsBounds() {
    IdxDataset heldOut = data.test();
    ConfidenceCalibration calibration = ConfidenceCalibration.fit(trained.model(), heldOut);
    float threshold = calibration.confidenceThreshold();
    assertTrue(threshold >= 0.5f && threshold <= 0.9f, "threshold " + threshold);
    float[] p = Softmax.apply(trained.model().logits(heldOut), 11, calibration.temperature());
    int below = 0;
    for (int i = 0; i < heldOut.size(); i++) {
      below += p[i * 11 + Softmax.argmax(p, i * 11, 10)] < threshold ? 1 : 0;
    }
    double share = below / (double) heldOut.size();
    boolean clamped = threshold == 0.5f || threshold == 0.9f;
    assertTrue(clamped || Math.abs(share - 0.005) < 0.002, "unsure share " + share);
  }

  @Test
  void anExportedCalibratedModelCarriesItAndTheSdkAppliesIt() throws Exception {
    TrainedModel model = trained.model();
    ConfidenceCalibration calibration = ConfidenceCalibration.fit(model, data.test());
    model.calibrate(calibration);
    Path file = dir.resolve("model.onnx");
    OnnxExporter.export(model, Map.of(ModelMetadata.ARCHITECTURE, "cnn"), file, data.test());
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(file).build()) {
      assertTrue(recognizer.modelInfo().canRefuse());
      assertEquals(
          calibration.temperature(), recognizer.modelInfo().temperature().getAsDouble(), 1e-3);
      assertEquals(calibration.confidenceThreshold(), recognizer.confidenceThreshold(), 1e-3);
    }
  }

  private static double crossEntropy(float[] logits, float t, IdxDataset data) {
    float[] p = Softmax.apply(logits, 11, t);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum -= Math.log(Math.max(p[i * 11 + data.label(i)], 1e-12));
    }
    return sum / data.size();
  }
}
