package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.io.OutputFolder;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What {@link TrainingRun} and {@link FineTuneRun} share: the tool that runs them, where data sets
 * come from, and the skeleton check → stage → run → publish.
 *
 * <ol>
 *   <li>check: the outputs are up to date when the fingerprint file records exactly this run's
 *       inputs, every output exists, and they match the folder's manifest;
 *   <li>stage: the job writes into a fresh staging folder inside the output folder, so the
 *       published files, fingerprint included, stay those of the last successful run until
 *   <li>publish: the fingerprint joins the job's files and all are published together.
 * </ol>
 *
 * <p>There is no "forget the old fingerprint" step: until the publish, the old fingerprint still
 * describes the files beside it, which a killed or failed run leaves as they were.
 *
 * @param <R> the concrete run, returned by the fluent setters
 */
public abstract class UpToDateRun<R extends UpToDateRun<R>> {
  /** Skipped as up to date ({@code outcome} null), or ran, for {@code reason}. */
  record Ran<T>(boolean skipped, String reason, T outcome) {}

  protected final Path outputDirectory;
  protected final TrainingListener listener;
  protected DataSources sources;
  private final OutputFolder folder;
  private final String fingerprintFile;
  private final List<String> outputs;
  private final String upToDate;
  private String toolName = "mnist-kit";
  private String toolVersion = TrainerVersion.get();

  /**
   * @param fingerprintFile the name of the fingerprint file in the output folder
   * @param outputs the names of the files that must exist for the outputs to be up to date
   * @param upToDate the reason given when a run is skipped
   */
  UpToDateRun(
      Path outputDirectory,
      TrainingListener listener,
      String fingerprintFile,
      List<String> outputs,
      String upToDate) {
    this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.sources = DataSources.defaults(listener::onMessage);
    this.folder = OutputFolder.of(outputDirectory);
    this.fingerprintFile = fingerprintFile;
    this.outputs = List.copyOf(outputs);
    this.upToDate = upToDate;
  }

  /**
   * The tool that runs the job (e.g. the Maven plugin); a new version makes earlier outputs stale.
   */
  public R tool(String name, String version) {
    this.toolName = name;
    this.toolVersion = version;
    return self();
  }

  /** Where standard data sets come from (default: {@link DataSources#defaults}). */
  public R sources(DataSources sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
    return self();
  }

  public Path fingerprintFile() {
    return folder.resolve(fingerprintFile);
  }

  /** The inputs of this run, which decide its outputs. */
  public abstract Fingerprint fingerprint();

  /** A fingerprint with the tool versions; the run adds its parameters and data. */
  protected Fingerprint.Builder fingerprintBuilder() {
    return Fingerprint.builder()
        .tool(toolName, toolVersion)
        .tool("mnist-trainer", TrainerVersion.get());
  }

  @SuppressWarnings("unchecked")
  private R self() {
    return (R) this;
  }

  /** Why the outputs must be made again, or empty when they are up to date. */
  Optional<String> staleReason(Fingerprint fingerprint) {
    folder.recover();
    Optional<String> stale =
        fingerprint.staleReason(fingerprintFile(), outputs.stream().map(folder::resolve).toList());
    if (stale.isPresent()) {
      return stale;
    }
    if (!folder.isPublished(fingerprintFile)) {
      return Optional.of("the outputs have no manifest of the run that wrote them");
    }
    return folder
        .inconsistency()
        .map(problem -> "the outputs do not match their manifest: " + problem);
  }

  /**
   * Runs {@code job} into a staging folder unless up to date (or {@code force}), and publishes its
   * files with the fingerprint when {@code publish} accepts its outcome.
   */
  <T> Ran<T> run(boolean force, Function<Path, T> job, Predicate<T> publish) {
    Fingerprint fingerprint = fingerprint();
    Optional<String> stale = staleReason(fingerprint);
    if (stale.isEmpty() && !force) {
      return new Ran<>(true, upToDate, null);
    }
    String reason = force ? "forced" : stale.get();
    try (OutputFolder.Staging staging = folder.stage()) {
      T outcome = job.apply(staging.directory());
      if (publish.test(outcome)) {
        fingerprint.write(staging.directory().resolve(fingerprintFile));
        listener.onMessage(
            "Published " + String.join(", ", staging.publish()) + " in " + folder.directory());
      }
      return new Ran<>(false, reason, outcome);
    }
  }
}
