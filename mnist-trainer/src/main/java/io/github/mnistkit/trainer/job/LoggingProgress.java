package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.train.EpochStats;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Training progress as plain log lines, for build tools and CI logs (no carriage-return progress
 * bar): one line per epoch, and for epochs of at least {@value #MIN_BATCHES_FOR_STEPS} batches one
 * line at every further 10% of the batches.
 */
public final class LoggingProgress implements TrainingListener {
  static final int MIN_BATCHES_FOR_STEPS = 20;
  private final Consumer<String> log;
  private int lastTenth;

  public LoggingProgress(Consumer<String> log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void onBatch(int epoch, int epochs, int batch, int batches, double loss, double accuracy) {
    if (batch == 1) {
      lastTenth = 0;
    }
    int tenth = (int) (10L * batch / batches);
    if (batches < MIN_BATCHES_FOR_STEPS || batch == batches || tenth == lastTenth) {
      return;
    }
    lastTenth = tenth;
    log.accept(
        String.format(
            Locale.ROOT,
            "Epoch %d/%d: %3d%% (%d/%d batches) loss %.4f, accuracy %.2f%%",
            epoch,
            epochs,
            10 * tenth,
            batch,
            batches,
            loss,
            100 * accuracy));
  }

  @Override
  public void onEpoch(EpochStats stats, int epochs, boolean best) {
    log.accept(
        String.format(
            Locale.ROOT,
            "Epoch %d/%d done in %.1f s: train loss %.4f, accuracy %.2f%% | %s | lr %.3g%s",
            stats.epoch(),
            epochs,
            stats.seconds(),
            stats.trainLoss(),
            100 * stats.trainAccuracy(),
            validation(stats),
            stats.learningRate(),
            best ? " (best so far)" : ""));
  }

  private static String validation(EpochStats stats) {
    return Double.isNaN(stats.validationAccuracy())
        ? "no validation part"
        : String.format(
            Locale.ROOT,
            "validation loss %.4f, accuracy %.2f%%",
            stats.validationLoss(),
            100 * stats.validationAccuracy());
  }

  @Override
  public void onMessage(String message) {
    log.accept(message);
  }
}
