package io.github.mnistkit.trainer.cli;

import io.github.mnistkit.trainer.train.EpochStats;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.io.PrintStream;

/** A one-line progress bar with the running loss and accuracy, redrawn at most 10 times a second. */
final class ConsoleProgress implements TrainingListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private long lastDraw;

  ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onBatch(int epoch, int epochs, int batch, int batches, double loss, double accuracy) {
    long now = System.nanoTime();
    if (batch != batches && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * batch / batches);
    out.printf("\rEpoch %d/%d [%s%s] %d/%d loss %.4f acc %.2f%%", epoch, epochs, "=".repeat(filled),
        " ".repeat(WIDTH - filled), batch, batches, loss, 100 * accuracy);
    out.flush();
  }

  @Override
  public void onEpoch(EpochStats stats, int epochs, boolean best) {
    out.printf("%nEpoch %d/%d: train loss %.4f acc %.2f%% | validation loss %.4f acc %.2f%% | %.1f s | lr %.2g%s%n",
        stats.epoch(), epochs, stats.trainLoss(), 100 * stats.trainAccuracy(), stats.validationLoss(),
        100 * stats.validationAccuracy(), stats.seconds(), stats.learningRate(), best ? " (best)" : "");
  }

  @Override
  public void onMessage(String message) {
    out.println(message);
  }
}
