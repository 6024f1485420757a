package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.report.TrainingReport;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TrainingJob} with an up-to-date check, as build tools want it: when the data (names,
 * sizes, dates), the effective configuration and the tool versions equal those of the last
 * successful run, and its {@code model.onnx} and {@code report.json} still exist, nothing is done.
 * The fingerprint ({@value Fingerprint#TRAIN_FILE} in the output folder) is written only after a
 * run succeeded.
 */
public final class TrainingRun {
  private final TrainingConfig config;
  private final DatasetSpec dataset;
  private final Path outputDirectory;
  private final TrainingListener listener;
  private DataSources sources;
  private String toolName = "mnist-kit";
  private String toolVersion = TrainerVersion.get();

  public TrainingRun(TrainingConfig config, DatasetSpec dataset, Path outputDirectory, TrainingListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.sources = DataSources.defaults(listener::onMessage);
  }

  /** The tool that runs the job (e.g. the Maven plugin); a new version makes earlier outputs stale. */
  public TrainingRun tool(String name, String version) {
    this.toolName = name;
    this.toolVersion = version;
    return this;
  }

  /** Where standard data sets come from (default: {@link DataSources#defaults}). */
  public TrainingRun sources(DataSources sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
    return this;
  }

  /** What a run did: trained (with the job's outcome), or skipped as up to date. */
  public record Result(boolean skipped, String reason, Path model, Path report, TrainingJob.Outcome outcome) {}

  public Path fingerprintFile() {
    return outputDirectory.resolve(Fingerprint.TRAIN_FILE);
  }

  /** The inputs of this run; reading it locates (and, if allowed, downloads) a standard data set. */
  public Fingerprint fingerprint() {
    Fingerprint.Builder builder = Fingerprint.builder()
        .tool(toolName, toolVersion)
        .tool("mnist-trainer", TrainerVersion.get())
        .parameter("architecture", config.architecture().id())
        .parameter("dataset", dataset.id());
    for (Map.Entry<String, Object> e : TrainingReport.configJson(config).entrySet()) {
      builder.parameter(e.getKey(), e.getValue());
    }
    return builder.data(dataset.isFolder() ? "images" : "idx_files", dataset.files(sources)).build();
  }

  /**
   * Trains unless up to date ({@code force} trains regardless).
   *
   * @throws io.github.mnistkit.sdk.MnistKitException for unusable data, and the exceptions of {@link TrainingJob#run}
   */
  public Result run(boolean force) {
    Path model = outputDirectory.resolve(TrainingJob.MODEL_FILE);
    Path report = outputDirectory.resolve(TrainingJob.REPORT_FILE);
    Fingerprint fingerprint = fingerprint();
    Optional<String> stale = fingerprint.staleReason(fingerprintFile(), List.of(model, report));
    if (stale.isEmpty() && !force) {
      return new Result(true, "same data, parameters and versions as the last successful run", model, report, null);
    }
    String reason = force ? "forced" : stale.get();
    Fingerprint.forget(fingerprintFile());
    TrainingJob.Outcome outcome = new TrainingJob(config, outputDirectory, listener)
        .run(dataset.load(sources, config.seed(), listener::onMessage));
    fingerprint.write(fingerprintFile());
    return new Result(false, reason, outcome.model(), outcome.report(), outcome);
  }
}
