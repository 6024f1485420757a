package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.report.TrainingReport;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TrainingJob} with an up-to-date check, as build tools want it: when the data (names,
 * sizes, dates), the effective configuration and the tool versions equal those of the last
 * successful run, and its {@code model.onnx} and {@code report.json} still exist unchanged, nothing
 * is done. Otherwise the job writes into a staging folder, and the model, checkpoint, reports and
 * fingerprint ({@value Fingerprint#TRAIN_FILE}) are published together at the end (see {@link
 * io.github.mnistkit.trainer.io.OutputFolder}), so a killed run leaves the previous outputs as they
 * were.
 */
public final class TrainingRun extends UpToDateRun<TrainingRun> {
  private final TrainingConfig config;
  private final DatasetSpec dataset;

  public TrainingRun(
      TrainingConfig config, DatasetSpec dataset, Path outputDirectory, TrainingListener listener) {
    super(
        outputDirectory,
        listener,
        Fingerprint.TRAIN_FILE,
        List.of(TrainingJob.MODEL_FILE, TrainingJob.REPORT_FILE),
        "same data, parameters and versions as the last successful run");
    this.config = Objects.requireNonNull(config, "config");
    this.dataset = Objects.requireNonNull(dataset, "dataset");
  }

  /** What a run did: trained (with the job's outcome), or skipped as up to date. */
  public record Result(
      boolean skipped,
      String reason,
      Architecture architecture,
      Path model,
      Path report,
      TrainingJob.Outcome outcome) {
    /** One line for a log: what was done, why, and the model. */
    public String summary() {
      return skipped
          ? "Model " + model + " is up to date (" + reason + "); skipping training."
          : String.format(
              Locale.ROOT,
              "Trained %s: test accuracy %.2f%% (%s). Wrote %s",
              architecture,
              100 * outcome.testAccuracy(),
              reason,
              model);
    }
  }

  /**
   * The inputs of this run; reading it locates (and, if allowed, downloads) a standard data set.
   */
  @Override
  public Fingerprint fingerprint() {
    Fingerprint.Builder builder =
        fingerprintBuilder()
            .parameter("architecture", config.architecture().id())
            .parameter("dataset", dataset.id());
    for (Map.Entry<String, Object> e : TrainingReport.configJson(config).entrySet()) {
      builder.parameter(e.getKey(), e.getValue());
    }
    return builder
        .data(dataset.isFolder() ? "images" : "idx_files", dataset.files(sources))
        .build();
  }

  /**
   * Trains unless up to date ({@code force} trains regardless).
   *
   * @throws io.github.mnistkit.sdk.MnistKitException for unusable data, and the exceptions of
   *     {@link TrainingJob#run}
   */
  public Result run(boolean force) {
    Path model = outputDirectory.resolve(TrainingJob.MODEL_FILE);
    Path report = outputDirectory.resolve(TrainingJob.REPORT_FILE);
    Ran<TrainingJob.Outcome> ran =
        run(
            force,
            staging ->
                new TrainingJob(config, staging, listener)
                    .run(dataset.load(sources, config.seed(), listener::onMessage))
                    .movedTo(outputDirectory),
            outcome -> true);
    return new Result(
        ran.skipped(), ran.reason(), config.architecture(), model, report, ran.outcome());
  }
}
