package io.github.mnistkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.trainer.train.EpochStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  @Test
  void redrawsOneBarLineAndEndsItBeforeTheEpochSummary() {
    StringWriter text = new StringWriter();
    TerminalProgress progress = new TerminalProgress(new PrintWriter(text));
    for (int batch = 1; batch <= 50; batch++) {
      progress.onBatch(1, 2, batch, 50, 0.5, 0.9);
    }
    progress.onEpoch(new EpochStats(1, 0.4, 0.91, 0.3, 0.93, 12.5, 1e-3), 2, true);
    String out = text.toString();
    assertTrue(out.startsWith("\rEpoch 1/2 ["), out);
    assertTrue(
        out.contains(
            "\rEpoch 1/2 ["
                + "=".repeat(TerminalProgress.WIDTH)
                + "] 50/50 loss 0.5000 acc 90.00%\n"),
        out);
    String[] lines = out.split("\n");
    assertEquals(2, lines.length, "the bar is redrawn in place, then the summary: " + out);
    assertTrue(
        lines[1].startsWith(
            "Epoch 1/2: train loss 0.4000 acc 91.00% | validation loss 0.3000 acc 93.00%"),
        lines[1]);
    assertTrue(lines[1].endsWith("(best)"), lines[1]);
  }
}
