package io.github.mnistkit.trainer.train;

import java.util.List;

/**
 * The outcome of a training run: the model with its best epoch's parameters (owned: close it), the
 * per-epoch history and the final test figures, including the test images' class probabilities
 * ({@link TrainedModel#COLUMNS} per image, in order) so that reports need not run the model again.
 */
public record TrainingResult(
    TrainedModel model,
    TrainingConfig config,
    String dataset,
    List<EpochStats> history,
    int bestEpoch,
    double testLoss,
    double testAccuracy,
    int trainImages,
    int validationImages,
    int testImages,
    double totalSeconds,
    float[] testProbabilities)
    implements AutoCloseable {

  public TrainingResult {
    history = List.copyOf(history);
  }

  @Override
  public void close() {
    model.close();
  }
}
