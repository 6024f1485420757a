package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.trainer.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@code dataset} setting names: a standard IDX data set ({@code mnist}, {@code
 * fashion-mnist}), read from a data directory or the cache, or a folder of {@code 0/ … 9/} images,
 * of which a stratified {@link #FOLDER_TEST_SHARE} is held out as the test set.
 */
public final class DatasetSpec {
  /** Share of each digit's images of a folder data set that is held out for testing. */
  public static final double FOLDER_TEST_SHARE = 1.0 / 6;

  /** A folder data set must have images of at least this many digits to train on. */
  public static final int FOLDER_MIN_CLASSES = 2;

  private final DatasetKind kind;
  private final Path dataDirectory;
  private final Path folder;
  private ImageFolder.Scan scan;

  private DatasetSpec(DatasetKind kind, Path dataDirectory, Path folder) {
    this.kind = kind;
    this.dataDirectory = dataDirectory;
    this.folder = folder;
  }

  /**
   * @param dataset {@code mnist} (also for null or blank), {@code fashion-mnist}, or a folder path
   *     (relative paths resolve against {@code baseDirectory})
   * @param dataDirectory the folder with the four IDX files, or null for the cache (or a download)
   * @throws IllegalArgumentException for a name that is neither a data set nor a path
   */
  public static DatasetSpec parse(String dataset, Path baseDirectory, Path dataDirectory) {
    String value = dataset == null || dataset.isBlank() ? DatasetKind.MNIST.id() : dataset.trim();
    Optional<DatasetKind> kind = Ids.find(DatasetKind.class, value);
    if (kind.isPresent()) {
      return new DatasetSpec(kind.get(), dataDirectory, null);
    }
    Path path = baseDirectory == null ? Path.of(value) : baseDirectory.resolve(value);
    if (value.contains("/") || value.contains("\\") || Files.isDirectory(path)) {
      return new DatasetSpec(null, null, path.toAbsolutePath().normalize());
    }
    DatasetKind.fromId(value); // throws, naming the choices
    throw new IllegalStateException("unreachable");
  }

  /** A standard data set. */
  public static DatasetSpec of(DatasetKind kind, Path dataDirectory) {
    return new DatasetSpec(kind, dataDirectory, null);
  }

  /** A folder of {@code 0/ … 9/} images. */
  public static DatasetSpec folder(Path folder) {
    return new DatasetSpec(null, null, folder.toAbsolutePath().normalize());
  }

  public boolean isFolder() {
    return folder != null;
  }

  /** {@code mnist}, {@code fashion-mnist}, or the folder's absolute path. */
  public String id() {
    return isFolder() ? folder.toString() : kind.id();
  }

  /**
   * The files whose names, sizes and modification times stand for the data (the four IDX files, or
   * every image of the folder). For a standard data set this locates (and if allowed downloads) it.
   */
  public List<Path> files(DataSources sources) {
    if (isFolder()) {
      return scan().entries().stream().map(ImageFolder.Entry::file).toList();
    }
    Path directory = sources.locate(kind, dataDirectory);
    return DataFiles.ALL.stream()
        .map(name -> DataFiles.find(directory, name).orElseThrow())
        .toList();
  }

  /**
   * The training and test images. A folder is decoded, preprocessed and split with {@code seed}.
   */
  public DigitData load(DataSources sources, long seed, Consumer<String> log) {
    if (!isFolder()) {
      return sources.load(kind, dataDirectory);
    }
    log.accept("Reading images from " + folder);
    ImageFolder.Loaded loaded = ImageFolder.load(scan(), ImageFolder.DEFAULT_MAX_UNREADABLE_SHARE);
    loaded.warnings().forEach(log);
    loaded.skipped().forEach(reason -> log.accept("Skipped " + reason));
    IdxDataset[] split = StratifiedSplit.split(loaded.images(), seed, FOLDER_TEST_SHARE);
    if (split[1].size() == 0) {
      throw new InvalidDataException(
          "Image folder "
              + folder
              + " has too few images to hold out a test"
              + " set ("
              + loaded.images().size()
              + " usable). Add at least 2 images for some digits.");
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%d usable images: %d for training, %d held out for testing",
            loaded.images().size(),
            split[0].size(),
            split[1].size()));
    return new DigitData(folder.getFileName().toString(), split[0], split[1]);
  }

  /** The folder of a folder data set; null for a standard one. */
  public Path folder() {
    return folder;
  }

  /**
   * The test images of a standard data set (located, and if allowed downloaded, by {@code
   * sources}).
   */
  public IdxDataset testImages(DataSources sources) {
    if (isFolder()) {
      throw new IllegalStateException("A folder data set has no separate test images: " + folder);
    }
    Path directory = sources.locate(kind, dataDirectory);
    return IdxReader.read(
        DataFiles.find(directory, DataFiles.TEST_IMAGES).orElseThrow(),
        DataFiles.find(directory, DataFiles.TEST_LABELS).orElseThrow());
  }

  private ImageFolder.Scan scan() {
    if (scan == null) {
      scan = ImageFolder.scan(folder, FOLDER_MIN_CLASSES);
    }
    return scan;
  }

  @Override
  public String toString() {
    return isFolder()
        ? "image folder " + folder
        : kind.id() + (dataDirectory == null ? "" : " from " + dataDirectory);
  }
}
