package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The inputs of a job that decide its outputs: tool versions, effective parameters, and the names,
 * sizes and modification times of the data files. Written next to the outputs after a successful
 * run only; a later run with an equal fingerprint and its outputs still present can be skipped.
 *
 * <pre>{@code
 * Fingerprint now = Fingerprint.builder().tool("mnist-maven-plugin", version)
 *     .parameter("epochs", 5).data(files).build();
 * Optional<String> why = now.staleReason(outputDirectory.resolve(Fingerprint.TRAIN_FILE), List.of(model, report));
 * if (why.isEmpty()) { skip } else { run; now.write(fingerprintFile); }
 * }</pre>
 */
public final class Fingerprint {
  /** The file a training run keeps in its output directory. */
  public static final String TRAIN_FILE = "train.fingerprint";

  private static final String HEADER =
      "# mnist-kit: inputs of the last successful run (delete to force a rerun)";

  private final Map<String, String> entries;

  private Fingerprint(Map<String, String> entries) {
    this.entries = Map.copyOf(entries);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The entries, in a stable order, as {@code key=value} lines. */
  public String text() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    entries.keySet().stream()
        .sorted()
        .forEach(k -> out.append(k).append('=').append(entries.get(k)).append('\n'));
    return out.toString();
  }

  /**
   * Why the outputs must be made again, or empty when they are up to date: the file records exactly
   * this fingerprint and every output exists.
   */
  public Optional<String> staleReason(Path fingerprintFile, List<Path> outputs) {
    if (!Files.isRegularFile(fingerprintFile)) {
      return Optional.of("no record of a previous successful run");
    }
    for (Path output : outputs) {
      if (!Files.isRegularFile(output)) {
        return Optional.of(output.getFileName() + " is missing");
      }
    }
    Map<String, String> previous;
    try {
      previous = parse(Files.readString(fingerprintFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.of("the record of the previous run is unreadable (" + e.getMessage() + ")");
    }
    List<String> changes = new ArrayList<>();
    entries.keySet().stream()
        .sorted()
        .forEach(
            key -> {
              String before = previous.get(key);
              if (!Objects.equals(before, entries.get(key))) {
                changes.add(
                    key.startsWith("data.")
                        ? "the data (" + key.substring(5) + ")"
                        : key
                            + " ("
                            + (before == null ? "unset" : before)
                            + " → "
                            + entries.get(key)
                            + ")");
              }
            });
    previous.keySet().stream()
        .filter(k -> !entries.containsKey(k))
        .sorted()
        .forEach(k -> changes.add(k + " (" + previous.get(k) + " → unset)"));
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of("changed since the last run: " + String.join(", ", changes));
  }

  /** Records this fingerprint (atomically), beside the outputs it describes. */
  public void write(Path fingerprintFile) {
    AtomicFiles.writeString(fingerprintFile, text());
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        map.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }

  /** Collects the entries of a {@link Fingerprint}. */
  public static final class Builder {
    private final Map<String, String> entries = new LinkedHashMap<>();

    private Builder() {}

    /** A tool and its version, e.g. the plugin that runs the job. */
    public Builder tool(String name, String version) {
      entries.put("tool." + name, String.valueOf(version));
      return this;
    }

    /** An effective setting; null values are recorded as {@code null}. */
    public Builder parameter(String name, Object value) {
      entries.put("parameter." + name, oneLine(String.valueOf(value)));
      return this;
    }

    /**
     * Data files under a label: their count and a digest of their absolute paths, sizes and
     * modification times (contents are not read, so this is fast even for large data sets).
     */
    public Builder data(String label, List<Path> files) {
      MessageDigest digest = sha256();
      for (Path file : files.stream().map(f -> f.toAbsolutePath().normalize()).sorted().toList()) {
        try {
          String line =
              file
                  + "|"
                  + Files.size(file)
                  + "|"
                  + Files.getLastModifiedTime(file).toMillis()
                  + "\n";
          digest.update(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Could not read the size and date of " + file + ": " + e.getMessage(), e);
        }
      }
      entries.put(
          "data." + label, files.size() + " files, " + HexFormat.of().formatHex(digest.digest()));
      return this;
    }

    public Fingerprint build() {
      return new Fingerprint(entries);
    }

    private static String oneLine(String value) {
      return value.replace('\n', ' ').replace('\r', ' ');
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
