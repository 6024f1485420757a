package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.trainer.train.EpochStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingProgressTest {
  @Test
  void logsEveryTenthOfTheBatchesAndEachEpoch() {
    List<String> lines = new ArrayList<>();
    LoggingProgress progress = new LoggingProgress(lines::add);
    for (int epoch = 1; epoch <= 2; epoch++) {
      for (int b = 1; b <= 469; b++) {
        progress.onBatch(epoch, 2, b, 469, 0.5, 0.9);
      }
      progress.onEpoch(new EpochStats(epoch, 0.5, 0.9, 0.4, 0.91, 12.5, 1e-3), 2, epoch == 1);
    }
    assertEquals(2 * (9 + 1), lines.size(), String.join("\n", lines));
    assertEquals("Epoch 1/2:  10% (47/469 batches) loss 0.5000, accuracy 90.00%", lines.get(0));
    assertEquals(
        "Epoch 1/2 done in 12.5 s: train loss 0.5000, accuracy 90.00% | validation loss 0.4000,"
            + " accuracy 91.00% | lr 0.00100 (best so far)",
        lines.get(9));
    assertTrue(lines.get(10).startsWith("Epoch 2/2:  10%"));
  }

  @Test
  void anEpochWithoutValidationSaysSoInsteadOfPrintingNaN() {
    List<String> lines = new ArrayList<>();
    new LoggingProgress(lines::add)
        .onEpoch(new EpochStats(3, 0.5, 0.9, Double.NaN, Double.NaN, 12.5, 0.343), 10, true);
    assertEquals(
        List.of(
            "Epoch 3/10 done in 12.5 s: train loss 0.5000, accuracy 90.00% | no validation part"
                + " | lr 0.343 (best so far)"),
        lines);
  }

  @Test
  void shortEpochsLogOnlyTheirEnd() {
    List<String> lines = new ArrayList<>();
    LoggingProgress progress = new LoggingProgress(lines::add);
    for (int b = 1; b <= 8; b++) {
      progress.onBatch(1, 1, b, 8, 0.5, 0.9);
    }
    progress.onMessage("done");
    assertEquals(List.of("done"), lines);
  }
}
