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
}
