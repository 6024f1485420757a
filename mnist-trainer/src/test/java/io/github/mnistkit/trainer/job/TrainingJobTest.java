package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobTest {
  @TempDir Path dir;

  @Test
  void writesModelCheckpointAndReport() throws Exception {
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(2).maxTrainImages(600).build();
    TrainingJob.Outcome outcome =
        new TrainingJob(config, dir, TrainingListener.SILENT).run(Fixture.load());

    JsonObject report =
        JsonParser.parseString(Files.readString(outcome.report())).getAsJsonObject();
    assertEquals("cnn", report.get("architecture").getAsString());
    assertEquals(2, report.getAsJsonArray("epochs").size());
    JsonObject epoch = report.getAsJsonArray("epochs").get(0).getAsJsonObject();
    for (String key : new String[] {"train_loss", "validation_accuracy", "seconds"}) {
      assertTrue(epoch.has(key), key);
    }
    assertEquals(outcome.testAccuracy(), report.get("test_accuracy").getAsDouble(), 1e-12);
    assertEquals(0, report.getAsJsonObject("export").get("argmax_mismatches").getAsInt());

    try (OrtSession session =
        OrtEnvironment.getEnvironment().createSession(outcome.model().toString())) {
      Map<String, String> metadata = session.getMetadata().getCustomMetadata();
      assertEquals("cnn", metadata.get(ModelMetadata.ARCHITECTURE));
      assertEquals("mnist", metadata.get(ModelMetadata.DATASET));
      assertEquals(
          outcome.testAccuracy(),
          Double.parseDouble(metadata.get(ModelMetadata.TEST_ACCURACY)),
          1e-4);
      assertEquals("0.1307", metadata.get(ModelMetadata.NORMALIZATION_MEAN));
      assertEquals(
          ModelMetadata.CLASSES_WITH_NOT_A_DIGIT,
          metadata.get(ModelMetadata.CLASSES),
          "new models can refuse by default");
      assertEquals(
          11,
          session.getOutputInfo().get(ModelMetadata.LOGITS_OUTPUT).getInfo()
                  instanceof ai.onnxruntime.TensorInfo t
              ? t.getShape()[1]
              : -1);
    }
    assertTrue(Files.size(outcome.checkpoint()) > 1_000_000);
    Set<String> names;
    try (var files = Files.list(dir)) {
      names = files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }
    // the int8 copy is written only when it passes its self-check, which a 2-epoch model may not
    names.remove("model-int8.onnx");
    assertEquals(
        Set.of(
            "model.onnx",
            "checkpoint.params",
            "report.json",
            "report.html",
            "accuracy.png",
            "confusion.png",
            "loss.png",
            "misclassified.png"),
        names,
        "model, checkpoint, report.json, report.html and 4 PNGs; no temporary files");
  }

  @Test
  void aRunWithoutValidationWritesValidJsonWithNullForWhatWasNotMeasured() throws Exception {
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN)
            .epochs(1)
            .maxTrainImages(300)
            .validationFraction(0)
            .int8(false)
            .build();
    TrainingJob.Outcome outcome =
        new TrainingJob(config, dir, TrainingListener.SILENT).run(Fixture.load());
    String text = Files.readString(outcome.report());
    assertTrue(!text.contains("NaN"), "JSON has no NaN: " + text);
    JsonObject epoch =
        JsonParser.parseString(text)
            .getAsJsonObject()
            .getAsJsonArray("epochs")
            .get(0)
            .getAsJsonObject();
    assertTrue(epoch.get("validation_accuracy").isJsonNull(), epoch.toString());
  }
}
