package io.github.mnistkit.cli;

import io.github.mnistkit.trainer.train.EpochStats;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with the running loss and accuracy, redrawn at most 10 times a second.
 */
final class TerminalProgress implements TrainingListener {
  static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;
  private final PrintWriter out;
  private long lastDraw;
  private boolean barShown;

  TerminalProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onBatch(int epoch, int epochs, int batch, int batches, double loss, double accuracy) {
    long now = System.nanoTime();
    if (barShown && batch != batches && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    barShown = true;
    int filled = (int) ((long) WIDTH * batch / batches);
    out.printf(
        Locale.ROOT,
        "\rEpoch %d/%d [%s%s] %d/%d loss %.4f acc %.2f%%",
        epoch,
        epochs,
        "=".repeat(filled),
        " ".repeat(WIDTH - filled),
        batch,
        batches,
        loss,
        100 * accuracy);
    out.flush();
  }

  @Override
  public void onEpoch(EpochStats stats, int epochs, boolean best) {
    endBar();
    out.printf(
        Locale.ROOT,
        "Epoch %d/%d: train loss %.4f acc %.2f%% | validation loss %.4f acc %.2f%%"
            + " | %.1f s | lr %.2g%s%n",
        stats.epoch(),
        epochs,
        stats.trainLoss(),
        100 * stats.trainAccuracy(),
        stats.validationLoss(),
        100 * stats.validationAccuracy(),
        stats.seconds(),
        stats.learningRate(),
        best ? " (best)" : "");
    out.flush();
  }

  @Override
  public void onMessage(String message) {
    endBar();
    out.println(message);
    out.flush();
  }

  private void endBar() {
    if (barShown) {
      out.println();
      barShown = false;
    }
  }
}
