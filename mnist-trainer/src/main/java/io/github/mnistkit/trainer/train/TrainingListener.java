package io.github.mnistkit.trainer.train;

/** Receives training progress; the CLI draws a progress bar, the Maven plugin logs. */
public interface TrainingListener {
  /** After each batch, with the running mean loss and accuracy of the epoch so far. */
  default void onBatch(
      int epoch, int epochs, int batch, int batches, double runningLoss, double runningAccuracy) {}

  default void onEpoch(EpochStats stats, int epochs, boolean best) {}

  default void onMessage(String message) {}

  TrainingListener SILENT = new TrainingListener() {};
}
