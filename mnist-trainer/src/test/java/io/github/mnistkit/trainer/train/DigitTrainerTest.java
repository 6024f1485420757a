package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.nn.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitTrainerTest {
  static DigitData data;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    data = Fixture.load();
  }

  private static TrainingConfig small(Architecture architecture) {
    return TrainingConfig.builder(architecture)
        .epochs(2)
        .maxTrainImages(512)
        .batchSize(32)
        .seed(3)
        .build();
  }

  @Test
  void learnsFromRealDigitsAndReportsEveryEpoch() {
    List<String> events = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochStats stats, int epochs, boolean best) {
            events.add("epoch " + stats.epoch());
          }
        };
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(3).maxTrainImages(1500).seed(1).build();
    try (TrainingResult result = new DigitTrainer(config, listener, null).train(data)) {
      assertEquals(List.of("epoch 1", "epoch 2", "epoch 3"), events);
      assertEquals(3, result.history().size());
      // 1,375 real training images are enough to be far above chance (10%) on 2,000 unseen test
      // digits
      assertTrue(result.testAccuracy() > 0.85, "test accuracy " + result.testAccuracy());
      assertTrue(result.history().get(2).trainLoss() < result.history().get(0).trainLoss());
      EpochStats best = result.history().get(result.bestEpoch() - 1);
      assertTrue(
          result.history().stream()
              .allMatch(e -> e.validationAccuracy() <= best.validationAccuracy()));
    }
  }

  @Test
  void sameSeedSameResult() {
    float[] first;
    float[] second;
    float[] images = new float[16 * 784];
    for (int i = 0; i < 16; i++) {
      data.test().copyImage(i, images, i * 784);
    }
    try (TrainingResult a =
        new DigitTrainer(small(Architecture.CNN), TrainingListener.SILENT, null).train(data)) {
      first = a.model().logits(images, 16);
    }
    try (TrainingResult b =
        new DigitTrainer(small(Architecture.CNN), TrainingListener.SILENT, null).train(data)) {
      second = b.model().logits(images, 16);
    }
    assertArrayEquals(first, second);
  }

  @Test
  void everyOptimizerAndScheduleTrains() {
    for (OptimizerKind optimizer : OptimizerKind.values()) {
      TrainingConfig config =
          TrainingConfig.builder(Architecture.BASIC_CNN)
              .optimizer(optimizer)
              .schedule(LearningRateSchedule.STEP)
              .epochs(2)
              .maxTrainImages(512)
              .batchSize(32)
              .augment(true)
              .build();
      try (TrainingResult result =
          new DigitTrainer(config, TrainingListener.SILENT, null).train(data)) {
        assertTrue(Double.isFinite(result.history().get(1).trainLoss()), optimizer + " diverged");
        assertTrue(
            result.testAccuracy() > 0.3, optimizer + " test accuracy " + result.testAccuracy());
      }
    }
  }

  @Test
  void checkpointRoundTripGivesTheSameOutputs() {
    Path checkpoint = dir.resolve("checkpoint.params");
    float[] images = new float[8 * 784];
    for (int i = 0; i < 8; i++) {
      data.test().copyImage(i, images, i * 784);
    }
    try (TrainingResult result =
        new DigitTrainer(small(Architecture.RESNET_SMALL), TrainingListener.SILENT, checkpoint)
            .train(data)) {
      assertTrue(Files.exists(checkpoint), "the best epoch is checkpointed during training");
      Checkpoint.write(checkpoint, result.model(), Map.of("dataset", "mnist"));
      try (Checkpoint.Loaded loaded = Checkpoint.read(checkpoint)) {
        assertEquals(Architecture.RESNET_SMALL, loaded.model().architecture());
        assertEquals("mnist", loaded.facts().get("dataset"));
        assertArrayEquals(result.model().logits(images, 8), loaded.model().logits(images, 8));
      }
    }
  }

  @Test
  void aFileThatIsNotACheckpointIsRefusedByName() throws Exception {
    Path bogus = Files.writeString(dir.resolve("model.onnx"), "not a checkpoint");
    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> Checkpoint.read(bogus));
    assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("not an mnist-kit checkpoint"), e.getMessage());
  }

  @Test
  void truncatedCheckpointIsRefusedAndNamed() throws Exception {
    Path checkpoint = dir.resolve("checkpoint.params");
    try (TrainedModel model = TrainedModel.untrained(Architecture.CNN, 1)) {
      Checkpoint.write(checkpoint, model, Map.of());
    }
    byte[] bytes = Files.readAllBytes(checkpoint);
    Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> Checkpoint.read(checkpoint));
    assertTrue(e.getMessage().contains("checkpoint.params"), e.getMessage());
  }

  @Test
  void badSettingsSayWhatToChange() {
    TrainingConfig.Builder builder = TrainingConfig.builder(Architecture.CNN);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.epochs(0).build());
    assertTrue(e.getMessage().contains("epochs must be at least 1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingConfig.builder(Architecture.CNN).learningRate(-1).build());
    assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> OptimizerKind.fromId("lbfgs"));
    assertTrue(e.getMessage().contains("adam, adamw, sgd, adadelta"), e.getMessage());
  }

  @Test
  void schedulesFollowTheirDefinitions() {
    assertEquals(1.0f, LearningRateSchedule.STEP.rate(1.0f, 0.5, 10), 1e-6);
    assertEquals(0.7f, LearningRateSchedule.STEP.rate(1.0f, 1.0, 10), 1e-6);
    assertEquals(0.49f, LearningRateSchedule.STEP.rate(1.0f, 2.2, 10), 1e-6);
    assertEquals(1.0f, LearningRateSchedule.COSINE.rate(1.0f, 0, 10), 1e-6);
    assertEquals(0.505f, LearningRateSchedule.COSINE.rate(1.0f, 5, 10), 1e-6);
    assertEquals(0.01f, LearningRateSchedule.COSINE.rate(1.0f, 10, 10), 1e-6);
  }
}
