package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.trainer.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * What a {@code dataset} setting names: a standard IDX data set ({@code mnist}, {@code
 * fashion-mnist}), read from a data directory or the cache, or a folder of {@code 0/ … 9/} images, of
 * which a stratified {@link #FOLDER_TEST_SHARE} is held out as the test set.
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
    return DataFiles.ALL.stream().map(name -> DataFiles.find(directory, name).orElseThrow()).toList();
  }

  /** The training and test images. A folder is decoded, preprocessed and split with {@code seed}. */
  public DigitData load(DataSources sources, long seed, Consumer<String> log) {
    if (!isFolder()) {
      return sources.load(kind, dataDirectory);
    }
    log.accept("Reading images from " + folder);
    ImageFolder.Loaded loaded = ImageFolder.load(scan(), ImageFolder.DEFAULT_MAX_UNREADABLE_SHARE);
    loaded.warnings().forEach(log);
    loaded.skipped().forEach(reason -> log.accept("Skipped " + reason));
    IdxDataset[] split = holdOut(loaded.images(), FOLDER_TEST_SHARE, seed);
    if (split[1].size() == 0) {
      throw new InvalidDataException("Image folder " + folder + " has too few images to hold out a test"
          + " set (" + loaded.images().size() + " usable). Add at least 2 images for some digits.");
    }
    log.accept(String.format(Locale.ROOT, "%d usable images: %d for training, %d held out for testing",
        loaded.images().size(), split[0].size(), split[1].size()));
    return new DigitData(folder.getFileName().toString(), split[0], split[1]);
  }

  /** The folder of a folder data set; null for a standard one. */
  public Path folder() {
    return folder;
  }

  /** The test images of a standard data set (located, and if allowed downloaded, by {@code sources}). */
  public IdxDataset testImages(DataSources sources) {
    if (isFolder()) {
      throw new IllegalStateException("A folder data set has no separate test images: " + folder);
    }
    Path directory = sources.locate(kind, dataDirectory);
    return IdxReader.read(DataFiles.find(directory, DataFiles.TEST_IMAGES).orElseThrow(),
        DataFiles.find(directory, DataFiles.TEST_LABELS).orElseThrow());
  }

  private ImageFolder.Scan scan() {
    if (scan == null) {
      scan = ImageFolder.scan(folder, FOLDER_MIN_CLASSES);
    }
    return scan;
  }

  /**
   * Splits {@code images} into {train, test}: of each digit with at least 2 images, {@code share}
   * (at least one image) goes to the test set, chosen at random with {@code seed}.
   */
  static IdxDataset[] holdOut(IdxDataset images, double share, long seed) {
    Random random = new Random(seed);
    List<Integer> train = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int digit = 0; digit < 10; digit++) {
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        if (images.label(i) == digit) {
          indices.add(i);
        }
      }
      Collections.shuffle(indices, random);
      int held = indices.size() < 2 ? 0 : Math.max(1, (int) Math.round(indices.size() * share));
      test.addAll(indices.subList(0, held));
      train.addAll(indices.subList(held, indices.size()));
    }
    int[] trainIndices = train.stream().mapToInt(Integer::intValue).sorted().toArray();
    int[] testIndices = test.stream().mapToInt(Integer::intValue).sorted().toArray();
    return new IdxDataset[] {images.select(trainIndices), images.select(testIndices)};
  }

  @Override
  public String toString() {
    return isFolder() ? "image folder " + folder : kind.id() + (dataDirectory == null ? "" : " from " + dataDirectory);
  }
}
