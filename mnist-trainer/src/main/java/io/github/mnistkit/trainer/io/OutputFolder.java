package io.github.mnistkit.trainer.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder whose files one run publishes together (model, checkpoint, reports, fingerprint), so
 * that a killed run never damages what the previous run published:
 *
 * <ol>
 *   <li>the run writes everything, in-progress checkpoints too, into a staging folder inside it
 *       ({@value #STAGING_PREFIX}…), which a later run deletes if the run is killed;
 *   <li>{@link Staging#publish()} flushes every file to the disk and writes {@value #MANIFEST_FILE}
 *       (the sha256 of each file, in {@code sha256sum} format) last into the staging folder;
 *   <li>the staging folder is renamed to {@value #PUBLISHING}: from here on the new set is complete
 *       and will be published, even if the process dies now;
 *   <li>each file is renamed into the folder, the manifest last, and {@value #PUBLISHING} removed.
 *       A publish interrupted in this step is finished by {@link #recover()}, which every reader
 *       and writer of the folder calls first.
 * </ol>
 *
 * <p>Readers check with {@link #requireConsistent(String)} that the files they use match the
 * manifest, so files of different runs are never silently used together.
 */
public final class OutputFolder {
  /** The sha256 of every published file: {@code <hex> <name>} per line. */
  public static final String MANIFEST_FILE = "manifest.sha256";

  static final String STAGING_PREFIX = ".staging-";
  static final String PUBLISHING = ".publishing";

  private final Path directory;

  private OutputFolder(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /**
   * The output folder at {@code directory} (created when a run stages into it).
   *
   * @throws IllegalArgumentException when {@code directory} is a file
   */
  public static OutputFolder of(Path directory) {
    OutputFolder folder = new OutputFolder(directory);
    if (Files.isRegularFile(folder.directory)) {
      throw new IllegalArgumentException(
          "Output folder "
              + folder.directory
              + " is a file, not a"
              + " folder. Choose a folder (it is created if missing), or delete the file.");
    }
    return folder;
  }

  public Path directory() {
    return directory;
  }

  public Path resolve(String fileName) {
    return directory.resolve(fileName);
  }

  /** Finishes a publish that was interrupted after its commit point; does nothing otherwise. */
  public void recover() {
    Path publishing = directory.resolve(PUBLISHING);
    if (!Files.isDirectory(publishing)) {
      return;
    }
    try {
      moveInto(publishing);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not finish publishing the files of "
              + publishing
              + " into "
              + directory
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Starts a run: finishes an interrupted publish, removes leftovers of killed runs, stages. */
  public Staging stage() {
    recover();
    try {
      Files.createDirectories(directory);
      try (Stream<Path> entries = Files.list(directory)) {
        for (Path leftover : entries.filter(OutputFolder::isStaging).toList()) {
          deleteRecursively(leftover);
        }
      }
      return new Staging(Files.createTempDirectory(directory, STAGING_PREFIX));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not prepare " + directory + " for a run: " + e.getMessage(), e);
    }
  }

  /**
   * Why the published files do not belong together, or empty when they do: every file the manifest
   * lists exists with that sha256. A folder without a manifest has nothing to be consistent with.
   */
  public Optional<String> inconsistency() {
    Path manifestFile = directory.resolve(MANIFEST_FILE);
    if (!Files.isRegularFile(manifestFile)) {
      return Optional.empty();
    }
    Map<String, String> manifest = readManifest(manifestFile);
    List<String> problems = new ArrayList<>();
    manifest.forEach(
        (name, expected) -> {
          Path file = directory.resolve(name);
          if (!Files.isRegularFile(file)) {
            problems.add(name + " is missing");
          } else if (!expected.equals(sha256(file))) {
            problems.add(name + " is not the file that run wrote (sha256 differs)");
          }
        });
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** True when a manifest lists {@code fileName}. */
  public boolean isPublished(String fileName) {
    Path manifestFile = directory.resolve(MANIFEST_FILE);
    return Files.isRegularFile(manifestFile) && readManifest(manifestFile).containsKey(fileName);
  }

  /**
   * Finishes an interrupted publish, then, when the manifest lists {@code fileName}, checks that
   * every file it lists is the one the same run wrote.
   *
   * @throws MismatchedOutputsException when they are not
   */
  public void requireConsistent(String fileName) {
    recover();
    if (!isPublished(fileName)) {
      return;
    }
    Optional<String> problem = inconsistency();
    if (problem.isPresent()) {
      throw new MismatchedOutputsException(
          "The files in "
              + directory
              + " do not belong together: "
              + problem.get()
              + " ("
              + MANIFEST_FILE
              + " records the files one run published). They were"
              + " changed or mixed after that run; using "
              + fileName
              + " with them could give wrong"
              + " results. Train again to publish a consistent set, or restore the files of one run.");
    }
  }

  /** A run's private folder inside the output folder; deleted on close unless published. */
  public final class Staging implements AutoCloseable {
    private final Path staging;
    private boolean published;

    private Staging(Path staging) {
      this.staging = staging;
    }

    /** Where the run writes its files. */
    public Path directory() {
      return staging;
    }

    /**
     * Publishes every file written into {@link #directory()} together, replacing older ones.
     *
     * @return the names of the published files, the manifest last
     */
    public List<String> publish() {
      try {
        Map<String, String> manifest = new LinkedHashMap<>();
        for (Path file : files(staging)) {
          AtomicFiles.syncFile(file);
          manifest.put(file.getFileName().toString(), sha256(file));
        }
        AtomicFiles.writeString(staging.resolve(MANIFEST_FILE), manifestText(manifest));
        AtomicFiles.syncDirectory(staging);
        Path publishing = directory.resolve(PUBLISHING);
        AtomicFiles.move(staging, publishing); // the commit point
        AtomicFiles.syncDirectory(directory);
        published = true;
        moveInto(publishing);
        List<String> names = new ArrayList<>(manifest.keySet());
        names.add(MANIFEST_FILE);
        return names;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not publish the files of "
                + staging
                + " into "
                + directory
                + ": "
                + e.getMessage(),
            e);
      }
    }

    @Override
    public void close() {
      if (!published) {
        try {
          deleteRecursively(staging);
        } catch (IOException e) {
          // a leftover staging folder is removed by the next run
        }
      }
    }
  }

  /** Renames every file of {@code publishing} into the folder, the manifest last. */
  private void moveInto(Path publishing) throws IOException {
    for (Path file : files(publishing)) {
      if (!file.getFileName().toString().equals(MANIFEST_FILE)) {
        AtomicFiles.move(file, directory.resolve(file.getFileName()));
      }
    }
    AtomicFiles.syncDirectory(directory);
    Path manifest = publishing.resolve(MANIFEST_FILE);
    if (Files.exists(manifest)) {
      AtomicFiles.move(manifest, directory.resolve(MANIFEST_FILE));
      AtomicFiles.syncDirectory(directory);
    }
    deleteRecursively(publishing);
  }

  private static boolean isStaging(Path path) {
    return path.getFileName().toString().startsWith(STAGING_PREFIX) && Files.isDirectory(path);
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String manifestText(Map<String, String> manifest) {
    StringBuilder text = new StringBuilder();
    manifest.forEach((name, hash) -> text.append(hash).append("  ").append(name).append('\n'));
    return text.toString();
  }

  private static Map<String, String> readManifest(Path file) {
    Map<String, String> manifest = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int gap = line.indexOf("  ");
        if (gap == 64) {
          manifest.put(line.substring(gap + 2), line.substring(0, gap));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
    return manifest;
  }

  /** The sha256 of a file's content, in lower-case hex. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
