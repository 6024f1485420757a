package io.github.mnistkit.cli;

import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.LearningRateSchedule;
import io.github.mnistkit.trainer.train.OptimizerKind;
import java.util.Arrays;
import java.util.Iterator;

/** The names an option accepts, from the enums that define them, for help texts. */
final class Names {
  private Names() {}

  static final class Architectures implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Architecture.values()).map(Architecture::id).iterator();
    }
  }

  static final class Optimizers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(OptimizerKind.values()).map(OptimizerKind::id).iterator();
    }
  }

  static final class Schedules implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(LearningRateSchedule.values()).map(LearningRateSchedule::id).iterator();
    }
  }
}
