package io.github.mnistkit.cli;

import io.github.mnistkit.trainer.job.LoggingProgress;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.io.PrintWriter;

/**
 * Training progress: a redrawn bar on a terminal, plain lines when output goes to a file or pipe.
 */
final class Progress {
  private Progress() {}

  /** True when the tool runs in a terminal (both standard input and output are one). */
  static boolean interactive() {
    return System.console() != null;
  }

  static TrainingListener to(PrintWriter out) {
    return interactive()
        ? new TerminalProgress(out)
        : new LoggingProgress(
            line -> {
              out.println(line);
              out.flush();
            });
  }
}
