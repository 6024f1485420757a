package io.github.mnistkit.trainer;

import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.trainer.data.DataFiles;
import io.github.mnistkit.trainer.data.DigitData;
import java.nio.file.Path;

/** The committed MNIST fixture (first 2,000 training and 2,000 test images), read once. */
public final class Fixture {
  public static final Path DIRECTORY =
      Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"));
  private static DigitData data;

  private Fixture() {}

  public static synchronized DigitData load() {
    if (data == null) {
      data =
          new DigitData(
              "mnist",
              IdxReader.read(
                  DIRECTORY.resolve(DataFiles.TRAIN_IMAGES),
                  DIRECTORY.resolve(DataFiles.TRAIN_LABELS)),
              IdxReader.read(
                  DIRECTORY.resolve(DataFiles.TEST_IMAGES),
                  DIRECTORY.resolve(DataFiles.TEST_LABELS)));
    }
    return data;
  }
}
