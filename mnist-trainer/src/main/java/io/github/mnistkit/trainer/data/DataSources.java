package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds the files of a standard data set, in this order: the folder the user names (only that one,
 * when given); the per-user cache; a system package's folder; a download into the cache, verified
 * against the known md5s. Downloads are off when {@code ai.djl.offline} or {@code mnistkit.offline}
 * is {@code true}.
 */
public final class DataSources {
  private final Path cacheRoot;
  private final boolean offline;
  private final Consumer<String> log;

  public DataSources(Path cacheRoot, boolean offline, Consumer<String> log) {
    this.cacheRoot = cacheRoot;
    this.offline = offline;
    this.log = log;
  }

  /**
   * The per-user cache ({@code $MNISTKIT_HOME} or {@code ~/.mnist-kit/datasets}), offline per
   * system properties.
   */
  public static DataSources defaults(Consumer<String> log) {
    String home = System.getenv("MNISTKIT_HOME");
    Path root =
        home != null && !home.isBlank()
            ? Path.of(home, "datasets")
            : Path.of(System.getProperty("user.home"), ".mnist-kit", "datasets");
    boolean offline =
        Boolean.getBoolean("ai.djl.offline") || Boolean.getBoolean("mnistkit.offline");
    return new DataSources(root, offline, log);
  }

  /**
   * Loads train and test splits of {@code kind} from {@code userDirectory} or, when null, as
   * described above.
   */
  public DigitData load(DatasetKind kind, Path userDirectory) {
    Path directory = locate(kind, userDirectory);
    log.accept("Reading " + kind + " from " + directory);
    IdxDataset train =
        IdxReader.read(
            file(directory, DataFiles.TRAIN_IMAGES), file(directory, DataFiles.TRAIN_LABELS));
    IdxDataset test =
        IdxReader.read(
            file(directory, DataFiles.TEST_IMAGES), file(directory, DataFiles.TEST_LABELS));
    return new DigitData(kind.id(), train, test);
  }

  /** The folder holding all four files, downloading them if needed and allowed. */
  public Path locate(DatasetKind kind, Path userDirectory) {
    if (userDirectory != null) {
      return checkUserDirectory(kind, userDirectory);
    }
    List<Path> tried = new ArrayList<>();
    Path cache = cacheRoot.resolve(kind.id());
    tried.add(cache);
    if (DataFiles.complete(cache)) {
      return cache;
    }
    for (String system : kind.systemDirectories()) {
      Path directory = Path.of(system);
      tried.add(directory);
      if (DataFiles.complete(directory)) {
        return directory;
      }
    }
    if (offline) {
      throw new DataUnavailableException(
          "The "
              + kind
              + " files are not in "
              + tried
              + " and downloads"
              + " are off (offline mode). "
              + howToProvide(kind.md5s(), cache)
              + ", or run once with network access to fill the cache.");
    }
    new Downloader(log).download(kind, cache);
    return cache;
  }

  /** What a user can do when the four files cannot be found or fetched. */
  static String howToProvide(Map<String, String> md5ByFile, Path cache) {
    return "Put the four files into "
        + cache.toAbsolutePath()
        + " ("
        + DataFiles.ALL.stream()
            .map(name -> name + " md5 " + md5ByFile.get(name))
            .collect(Collectors.joining(", "))
        + "), or give the folder that holds them as the data directory";
  }

  private static Path checkUserDirectory(DatasetKind kind, Path directory) {
    Path absolute = directory.toAbsolutePath();
    if (Files.isRegularFile(absolute)) {
      throw new DataUnavailableException(
          "Data directory "
              + absolute
              + " is a file, not a folder."
              + " Point it at the folder that holds the four "
              + kind
              + " IDX files ("
              + DataFiles.ALL
              + "), or leave it unset to use the cache or download them.");
    }
    if (!Files.isDirectory(absolute)) {
      throw new DataUnavailableException(
          "Data directory "
              + absolute
              + " does not exist."
              + " Point it at a folder holding the four "
              + kind
              + " IDX files, or leave it unset to use the"
              + " cache or download them.");
    }
    List<String> missing =
        DataFiles.ALL.stream().filter(name -> DataFiles.find(directory, name).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new DataUnavailableException(
          "Data directory "
              + absolute
              + " lacks "
              + missing
              + " (gzipped or not). It must hold all four "
              + kind
              + " IDX files.");
    }
    return directory;
  }

  private static Path file(Path directory, String name) {
    return DataFiles.find(directory, name).orElseThrow();
  }
}
