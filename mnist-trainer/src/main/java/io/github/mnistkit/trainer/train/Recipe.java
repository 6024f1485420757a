package io.github.mnistkit.trainer.train;

import io.github.mnistkit.trainer.nn.Architecture;

/**
 * How an architecture is trained when nothing else is asked for: its reference optimiser, learning
 * rate, schedule and batch size. Kept beside the training code so {@code nn} knows only layers.
 */
public record Recipe(
    OptimizerKind optimizer, float learningRate, LearningRateSchedule schedule, int batchSize) {

  /** The reference recipe of {@code architecture}. */
  public static Recipe of(Architecture architecture) {
    return switch (architecture) {
      case CNN, RESNET_SMALL ->
          new Recipe(OptimizerKind.ADAM, 1e-3f, LearningRateSchedule.COSINE, 64);
      case BASIC_CNN -> new Recipe(OptimizerKind.ADADELTA, 1.0f, LearningRateSchedule.STEP, 64);
      case RESNET18, RESNET34 ->
          new Recipe(OptimizerKind.ADAM, 1e-3f, LearningRateSchedule.COSINE, 128);
    };
  }
}
