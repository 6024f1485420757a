package io.github.mnistkit.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The four standard file names, and how to find them in a folder (gzipped or not). */
public final class DataFiles {
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
  public static final List<String> ALL =
      List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

  private DataFiles() {}

  /**
   * The file in {@code directory} for the standard {@code .gz} name: gzipped, plain, or the
   * "x.idx3-ubyte" spelling.
   */
  public static Optional<Path> find(Path directory, String gzName) {
    String plain = gzName.substring(0, gzName.length() - ".gz".length());
    String dotted = plain.replace("-idx", ".idx");
    for (String candidate : List.of(gzName, plain, dotted, dotted + ".gz")) {
      Path file = directory.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** True when all four files are present in {@code directory}. */
  public static boolean complete(Path directory) {
    return ALL.stream().allMatch(name -> find(directory, name).isPresent());
  }
}
