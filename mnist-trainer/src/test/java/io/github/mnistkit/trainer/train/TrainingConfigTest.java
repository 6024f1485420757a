package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mnistkit.trainer.nn.Architecture;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {
  @Test
  void unsetValuesTakeTheArchitecturesRecipe() {
    TrainingConfig config = TrainingConfig.builder(Architecture.BASIC_CNN).build();
    Recipe recipe = Recipe.of(Architecture.BASIC_CNN);
    assertEquals(OptimizerKind.ADADELTA, config.optimizer());
    assertEquals(recipe.learningRate(), config.learningRate());
    assertEquals(recipe.schedule(), config.schedule());
    assertEquals(recipe.batchSize(), config.batchSize());
    assertEquals(128, TrainingConfig.builder(Architecture.RESNET18).build().batchSize());
  }

  @Test
  void aLearningRateSetBeforeTheOptimizerIsKept() {
    TrainingConfig rateFirst =
        TrainingConfig.builder(Architecture.CNN)
            .learningRate(0.01f)
            .optimizer(OptimizerKind.SGD)
            .build();
    TrainingConfig optimizerFirst =
        TrainingConfig.builder(Architecture.CNN)
            .optimizer(OptimizerKind.SGD)
            .learningRate(0.01f)
            .build();
    assertEquals(0.01f, rateFirst.learningRate());
    assertEquals(rateFirst, optimizerFirst);
  }

  @Test
  void anotherOptimizerWithoutARateGetsThatOptimizersUsualRate() {
    assertEquals(
        0.05f,
        TrainingConfig.builder(Architecture.CNN)
            .optimizer(OptimizerKind.SGD)
            .build()
            .learningRate());
    assertEquals(
        1e-3f,
        TrainingConfig.builder(Architecture.BASIC_CNN)
            .optimizer(OptimizerKind.ADAM)
            .build()
            .learningRate());
    assertEquals(
        1.0f,
        TrainingConfig.builder(Architecture.BASIC_CNN)
            .optimizer(OptimizerKind.ADADELTA)
            .build()
            .learningRate());
  }

  @Test
  void unknownNamesListTheChoices() {
    assertEquals(
        "Unknown learning-rate schedule 'linear'. Choose one of: none, step, cosine.",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.fromId("linear"))
            .getMessage());
    assertEquals(OptimizerKind.ADAMW, OptimizerKind.fromId(" AdamW "));
  }
}
