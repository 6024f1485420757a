package io.github.mnistkit.trainer;

import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.data.DigitData;
import java.nio.file.Path;

/** The committed MNIST fixture (first 2,000 training and 2,000 test images). */
public final class Fixture {
  public static final Path DIRECTORY = Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"));

  private Fixture() {}

  public static DigitData load() {
    return new DataSources(Path.of("target/no-cache"), true, message -> {}).load(DatasetKind.MNIST, DIRECTORY);
  }
}
