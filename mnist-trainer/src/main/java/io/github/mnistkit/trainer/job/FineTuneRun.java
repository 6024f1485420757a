package io.github.mnistkit.trainer.job;

import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.ImageFolder;
import io.github.mnistkit.trainer.io.OutputFolder;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@link FineTuneJob} with MNIST loaded (for replay and the before/after test) and an up-to-date
 * check like {@link TrainingRun}'s: skipped when the base checkpoint, the image folder's files, the
 * MNIST files, the settings and the tool versions equal those of the last run that wrote a model,
 * and its outputs still exist. {@link FineTuneConfig#force()} runs (and writes) regardless.
 */
public final class FineTuneRun extends UpToDateRun<FineTuneRun> {
  /** The file kept in the output folder after a run that wrote a model. */
  public static final String FINGERPRINT_FILE = "finetune.fingerprint";

  private final FineTuneConfig config;
  private final Path dataDirectory;

  /**
   * @param dataDirectory the folder with the four MNIST files, or null for the cache (or a
   *     download)
   */
  public FineTuneRun(
      FineTuneConfig config, Path dataDirectory, Path outputDirectory, TrainingListener listener) {
    super(
        outputDirectory,
        listener,
        FINGERPRINT_FILE,
        List.of(TrainingJob.MODEL_FILE, TrainingJob.CHECKPOINT_FILE, TrainingJob.REPORT_FILE),
        "same base, images, settings and versions as the last run");
    this.config = Objects.requireNonNull(config, "config");
    this.dataDirectory = dataDirectory;
  }

  /**
   * Skipped (outcome null), or the job's outcome, which says whether a model was written and
   * published as {@code model}. (The outcome's own paths are where the job wrote its files before
   * they were published; use {@code model}.)
   */
  public record Result(boolean skipped, String reason, Path model, FineTuneJob.Outcome outcome) {}

  /** The inputs of this run (locates the MNIST files and lists the image folder). */
  @Override
  public Fingerprint fingerprint() {
    return fingerprintBuilder()
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
        .parameter("int8", config.int8())
        .data("base_checkpoint", List.of(config.baseCheckpoint()))
        .data(
            "images",
            ImageFolder.scan(config.imageFolder(), 2).entries().stream()
                .map(ImageFolder.Entry::file)
                .toList())
        .data("mnist", DatasetSpec.of(DatasetKind.MNIST, dataDirectory).files(sources))
        .build();
  }

  /**
   * Fine-tunes unless up to date; a model that is written is published with its checkpoint, reports
   * and fingerprint together, so a killed run leaves the previous outputs as they were.
   *
   * @throws io.github.mnistkit.trainer.io.MismatchedOutputsException when the base checkpoint's
   *     folder has a manifest its files do not match
   */
  public Result run() {
    Path model = outputDirectory.resolve(TrainingJob.MODEL_FILE);
    Path base = config.baseCheckpoint().toAbsolutePath().normalize();
    if (!Files.isRegularFile(base)) {
      Checkpoint.read(base); // throws, saying to train first
    }
    OutputFolder.of(base.getParent()).requireConsistent(base.getFileName().toString());
    if (base.equals(OutputFolder.of(outputDirectory).resolve(TrainingJob.CHECKPOINT_FILE))) {
      throw new IllegalArgumentException(
          "The output folder "
              + outputDirectory
              + " holds the base"
              + " checkpoint; fine-tuning never overwrites its base. Choose another output folder.");
    }
    Ran<FineTuneJob.Outcome> ran =
        run(
            config.force(),
            staging -> {
              DigitData mnist = sources.load(DatasetKind.MNIST, dataDirectory);
              return new FineTuneJob(config, staging, listener, mnist.train(), mnist.test()).run();
            },
            FineTuneJob.Outcome::written);
    return new Result(ran.skipped(), ran.reason(), model, ran.outcome());
  }
}
