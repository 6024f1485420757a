package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.ImageFolder;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link FineTuneJob} with MNIST loaded (for replay and the before/after test) and an up-to-date
 * check like {@link TrainingRun}'s: skipped when the base checkpoint, the image folder's files, the
 * MNIST files, the settings and the tool versions equal those of the last run that wrote a model,
 * and its outputs still exist. {@link FineTuneConfig#force()} runs (and writes) regardless.
 */
public final class FineTuneRun {
  /** The file kept in the output folder after a run that wrote a model. */
  public static final String FINGERPRINT_FILE = "finetune.fingerprint";

  private final FineTuneConfig config;
  private final Path dataDirectory;
  private final Path outputDirectory;
  private final TrainingListener listener;
  private DataSources sources;
  private String toolName = "mnist-kit";
  private String toolVersion = TrainerVersion.get();

  /** @param dataDirectory the folder with the four MNIST files, or null for the cache (or a download) */
  public FineTuneRun(FineTuneConfig config, Path dataDirectory, Path outputDirectory, TrainingListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.dataDirectory = dataDirectory;
    this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.sources = DataSources.defaults(listener::onMessage);
  }

  public FineTuneRun tool(String name, String version) {
    this.toolName = name;
    this.toolVersion = version;
    return this;
  }

  public FineTuneRun sources(DataSources sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
    return this;
  }

  /** Skipped (outcome null), or the job's outcome, which says whether a model was written. */
  public record Result(boolean skipped, String reason, Path model, FineTuneJob.Outcome outcome) {}

  public Path fingerprintFile() {
    return outputDirectory.resolve(FINGERPRINT_FILE);
  }

  /** The inputs of this run (locates the MNIST files and lists the image folder). */
  public Fingerprint fingerprint() {
    return Fingerprint.builder()
        .tool(toolName, toolVersion)
        .tool("mnist-trainer", TrainerVersion.get())
        .parameter("base_checkpoint", config.baseCheckpoint().toAbsolutePath().normalize())
        .parameter("image_folder", config.imageFolder().toAbsolutePath().normalize())
        .parameter("epochs", config.epochs())
        .parameter("learning_rate", config.learningRate())
        .parameter("batch_size", config.batchSize())
        .parameter("freeze_features", config.freezeFeatures())
        .parameter("validation_fraction", config.validationFraction())
        .parameter("test_fraction", config.testFraction())
        .parameter("folds", config.folds())
        .parameter("min_test_images", config.minTestImages())
        .parameter("alpha", config.alpha())
        .parameter("replay_fraction", config.replayFraction())
        .parameter("augment", config.augment())
        .parameter("seed", config.seed())
        .parameter("max_unreadable_share", config.maxUnreadableShare())
        .data("base_checkpoint", List.of(config.baseCheckpoint()))
        .data("images", ImageFolder.scan(config.imageFolder(), 2).entries().stream().map(ImageFolder.Entry::file).toList())
        .data("mnist", DatasetSpec.of(DatasetKind.MNIST, dataDirectory).files(sources))
        .build();
  }

  public Result run() {
    Path model = outputDirectory.resolve(TrainingJob.MODEL_FILE);
    if (!Files.isRegularFile(config.baseCheckpoint())) {
      Checkpoint.read(config.baseCheckpoint()); // throws, saying to train first
    }
    Fingerprint fingerprint = fingerprint();
    Optional<String> stale = fingerprint.staleReason(fingerprintFile(),
        List.of(model, outputDirectory.resolve(TrainingJob.CHECKPOINT_FILE), outputDirectory.resolve(TrainingJob.REPORT_FILE)));
    if (stale.isEmpty() && !config.force()) {
      return new Result(true, "same base, images, settings and versions as the last run", model, null);
    }
    String reason = config.force() ? "forced" : stale.get();
    Fingerprint.forget(fingerprintFile());
    DigitData mnist = sources.load(DatasetKind.MNIST, dataDirectory);
    FineTuneJob.Outcome outcome = new FineTuneJob(config, outputDirectory, listener, mnist.train(), mnist.test()).run();
    if (outcome.written()) {
      fingerprint.write(fingerprintFile());
    }
    return new Result(false, reason, model, outcome);
  }
}
