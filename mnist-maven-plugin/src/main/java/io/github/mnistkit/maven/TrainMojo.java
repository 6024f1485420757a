package io.github.mnistkit.maven;

import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.job.LoggingProgress;
import io.github.mnistkit.trainer.job.TrainingRun;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.LearningRateSchedule;
import io.github.mnistkit.trainer.train.OptimizerKind;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains a digit model and publishes {@code model.onnx} (verified against the trained network),
 * {@code checkpoint.params}, reports and {@code manifest.sha256} together into {@link
 * #outputDirectory}; a killed build leaves the previous ones intact. Skipped while data, effective
 * parameters and plugin version are those of the last run ({@code -Dmnist.force=true} retrains).
 * Unset parameters take the trainer's defaults; the log's "Training …" line shows every value.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = false)
public class TrainMojo extends MnistMojo {
  /** {@code cnn}, {@code basic-cnn}, {@code resnet-small}, {@code resnet18} or {@code resnet34}. */
  @Parameter(property = "mnist.architecture")
  String architecture;

  /** Passes over the training images, at least 1; the best epoch on validation is kept. */
  @Parameter(property = "mnist.epochs")
  String epochs;

  /** Images per batch, 1 to 4096. */
  @Parameter(property = "mnist.batchSize")
  String batchSize;

  /** A positive number; unset with {@link #optimizer} set: that optimiser's usual rate. */
  @Parameter(property = "mnist.learningRate")
  String learningRate;

  /** {@code adam}, {@code adamw}, {@code sgd} or {@code adadelta}. */
  @Parameter(property = "mnist.optimizer")
  String optimizer;

  /** Learning-rate schedule: {@code none}, {@code step} or {@code cosine}. */
  @Parameter(property = "mnist.schedule")
  String schedule;

  /** Seeds initialisation, shuffling, augmentation and a folder's test split. */
  @Parameter(property = "mnist.seed")
  String seed;

  /** {@code mnist}, {@code fashion-mnist}, or a folder of {@code 0/ … 9/} images. */
  @Parameter(property = "mnist.dataset")
  String dataset;

  /** Where the model, checkpoint, reports, manifest and {@code train.fingerprint} go. */
  @Parameter(property = "mnist.outputDirectory", defaultValue = "${project.build.directory}/mnist")
  File outputDirectory;

  /** Random shifts, rotations and scaling of training images. */
  @Parameter(property = "mnist.augment")
  Boolean augment;

  /** Also write {@code model-int8.onnx} when the quantised copy passes its self-check. */
  @Parameter(property = "mnist.int8")
  Boolean int8;

  /**
   * Give the model an 11th class, "not a digit", so that it can refuse letters, symbols, marks and
   * pictures (on by default); the training then also holds digits cut from touching rows.
   */
  @Parameter(property = "mnist.notADigit")
  Boolean notADigit;

  /** Train on at most this many images; 0 means all. */
  @Parameter(property = "mnist.maxTrainImages")
  String maxTrainImages;

  /** Share of the training images kept aside to pick the best epoch, in [0, 0.5). */
  @Parameter(property = "mnist.validationFraction")
  String validationFraction;

  /** Train even when the outputs are up to date. */
  @Parameter(property = "mnist.force")
  boolean force;

  @Override
  protected void run() throws MojoExecutionException {
    TrainingConfig config = config();
    DatasetSpec data =
        checked("dataset", () -> DatasetSpec.parse(dataset, basePath(), path(dataDirectory)));
    if (data.isFolder() && dataDirectory != null) {
      getLog().warn("dataDirectory is ignored: the dataset is the image folder " + data.id());
    }
    TrainingRun.Result result =
        new TrainingRun(
                config,
                data,
                outputFolder("outputDirectory", "mnist.outputDirectory", outputDirectory),
                new LoggingProgress(getLog()::info))
            .tool("mnist-maven-plugin", pluginVersion)
            .run(force);
    getLog()
        .info(result.summary() + (result.skipped() ? " Use -Dmnist.force=true to retrain." : ""));
  }

  TrainingConfig config() throws MojoExecutionException {
    Architecture chosen = value("architecture", architecture, Architecture::fromId, null);
    TrainingConfig.Builder builder =
        chosen == null ? TrainingConfig.builder() : TrainingConfig.builder(chosen);
    ifSet(value("optimizer", optimizer, OptimizerKind::fromId, null), builder::optimizer);
    ifSet(value("schedule", schedule, LearningRateSchedule::fromId, null), builder::schedule);
    ifSet(value("epochs", epochs, Integer::valueOf, "a whole number, at least 1"), builder::epochs);
    ifSet(
        value("batchSize", batchSize, Integer::valueOf, "a whole number from 1 to 4096"),
        builder::batchSize);
    ifSet(
        value("learningRate", learningRate, Float::valueOf, "a positive number"),
        builder::learningRate);
    ifSet(value("seed", seed, Long::valueOf, "a whole number"), builder::seed);
    ifSet(
        value("maxTrainImages", maxTrainImages, Integer::valueOf, "0 (all) or a whole number"),
        builder::maxTrainImages);
    ifSet(
        value("validationFraction", validationFraction, Float::valueOf, "a number in [0, 0.5)"),
        builder::validationFraction);
    ifSet(augment, builder::augment);
    ifSet(int8, builder::int8);
    ifSet(notADigit, builder::notADigit);
    return checked(null, builder::build);
  }
}
