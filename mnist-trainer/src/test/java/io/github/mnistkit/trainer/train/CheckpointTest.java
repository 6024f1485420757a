package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mnistkit.trainer.nn.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  @Test
  void theSameModelAndFactsGiveTheSameBytesInAnyOrder() throws Exception {
    Map<String, String> oneOrder = new LinkedHashMap<>();
    oneOrder.put("dataset", "mnist");
    oneOrder.put("test_accuracy", "0.761");
    Map<String, String> otherOrder = new LinkedHashMap<>();
    otherOrder.put("test_accuracy", "0.761");
    otherOrder.put("dataset", "mnist");
    try (TrainedModel model = TrainedModel.untrained(Architecture.CNN, 3)) {
      Checkpoint.write(dir.resolve("a.params"), model, oneOrder);
      Checkpoint.write(dir.resolve("b.params"), model, otherOrder);
    }
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("a.params")), Files.readAllBytes(dir.resolve("b.params")));
    try (Checkpoint.Loaded loaded = Checkpoint.read(dir.resolve("a.params"))) {
      assertEquals(oneOrder, loaded.facts());
      assertEquals(Architecture.CNN, loaded.model().architecture());
    }
  }

  @Test
  void aRefusingCalibratedModelComesBackWithItsClassesAndCalibration() throws Exception {
    ConfidenceCalibration calibration = new ConfidenceCalibration(1.3f, 0.7f, 6000, 0.1, 0.09);
    float[] pixels = new float[4 * 784];
    for (int i = 0; i < pixels.length; i += 3) {
      pixels[i] = 1f;
    }
    Path file = dir.resolve("refusing.params");
    float[] expected;
    try (TrainedModel model = TrainedModel.untrained(Architecture.CNN, 11, 3)) {
      model.calibrate(calibration);
      expected = model.probabilities(pixels, 4);
      Checkpoint.write(file, model, Map.of("dataset", "mnist"));
    }
    assertEquals(2, java.nio.ByteBuffer.wrap(Files.readAllBytes(file), 19, 4).getInt(), "v2");
    try (Checkpoint.Loaded loaded = Checkpoint.read(file)) {
      assertEquals(11, loaded.model().classes());
      assertEquals(1.3f, loaded.model().calibration().temperature());
      assertEquals(0.7f, loaded.model().calibration().confidenceThreshold());
      assertArrayEquals(expected, loaded.model().probabilities(pixels, 4));
      assertEquals(Map.of("dataset", "mnist"), loaded.facts());
    }
  }

  @Test
  void aCheckpointOfTheEarlierTrainerLoadsAsADigitOnlyUncalibratedModel() throws Exception {
    Path file = dir.resolve("earlier.params");
    try (TrainedModel model = TrainedModel.untrained(Architecture.CNN, 3);
        var out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
      out.write("MNISTKIT-CHECKPOINT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.writeInt(1);
      out.writeUTF("cnn");
      out.writeInt(1);
      out.writeUTF("dataset");
      out.writeUTF("mnist");
      model.block().saveParameters(out);
    }
    try (Checkpoint.Loaded loaded = Checkpoint.read(file)) {
      assertEquals(10, loaded.model().classes());
      assertEquals(ConfidenceCalibration.NONE, loaded.model().calibration());
      assertEquals(Map.of("dataset", "mnist"), loaded.facts());
    }
  }
}
