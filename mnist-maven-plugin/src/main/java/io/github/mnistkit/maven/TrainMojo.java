package io.github.mnistkit.maven;

import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.job.LoggingProgress;
import io.github.mnistkit.trainer.job.TrainingRun;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.LearningRateSchedule;
import io.github.mnistkit.trainer.train.OptimizerKind;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.io.File;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains a digit model and writes {@code model.onnx} (verified against the trained network),
 * {@code checkpoint.params} and {@code report.json} into {@link #outputDirectory}.
 *
 * <p>Skipped in seconds when the data files (names, sizes, dates), the effective parameters and the
 * plugin version equal those of the last successful run and its outputs still exist; {@code
 * -Dmnist.force=true} retrains.
 *
 * <p>Bound by default to {@code generate-resources}: it runs before {@code process-resources} and
 * {@code compile}, so a project can package the model it trains into its own jar (point {@link
 * #outputDirectory} into {@code ${project.build.outputDirectory}}, or add it as a resource folder),
 * and its tests can load the model in the same build.
 *
 * <p>Not marked thread-safe: training seeds the PyTorch engine globally and uses every core.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = false)
public class TrainMojo extends MnistMojo {
  /** Network design: {@code cnn}, {@code basic-cnn}, {@code resnet-small}, {@code resnet18} or {@code resnet34}. */
  @Parameter(property = "mnist.architecture", defaultValue = "cnn")
  String architecture;

  /** Passes over the training images; the epoch with the best validation accuracy is kept. */
  @Parameter(property = "mnist.epochs", defaultValue = "5")
  int epochs;

  /** Images per batch (default: the architecture's, 64 or 128). */
  @Parameter(property = "mnist.batchSize")
  Integer batchSize;

  /** Default: the architecture's (or, with {@link #optimizer} set, that optimiser's usual rate). */
  @Parameter(property = "mnist.learningRate")
  Float learningRate;

  /** {@code adam}, {@code adamw}, {@code sgd} or {@code adadelta} (default: the architecture's). */
  @Parameter(property = "mnist.optimizer")
  String optimizer;

  /** Learning-rate schedule: {@code none}, {@code step} or {@code cosine} (default: the architecture's). */
  @Parameter(property = "mnist.schedule")
  String schedule;

  /** Seeds initialisation, shuffling, augmentation and a folder's test split. */
  @Parameter(property = "mnist.seed", defaultValue = "42")
  long seed;

  /**
   * {@code mnist}, {@code fashion-mnist}, or a folder with sub-folders {@code 0/ … 9/} of images (a
   * stratified sixth of each digit's images is held out as the test set).
   */
  @Parameter(property = "mnist.dataset", defaultValue = "mnist")
  String dataset;

  /** Folder with the four IDX files; default: the per-user cache, downloading the files if needed. */
  @Parameter(property = "mnist.dataDirectory")
  File dataDirectory;

  /** Where {@code model.onnx}, {@code checkpoint.params}, {@code report.json} and {@code train.fingerprint} go. */
  @Parameter(property = "mnist.outputDirectory", defaultValue = "${project.build.directory}/mnist")
  File outputDirectory;

  /** Only {@code cpu} trains in this build. */
  @Parameter(property = "mnist.device", defaultValue = "cpu")
  String device;

  /** Random shifts, rotations and scaling of training images. */
  @Parameter(property = "mnist.augment", defaultValue = "false")
  boolean augment;

  /** Train on at most this many images; 0 means all. For quick runs. */
  @Parameter(property = "mnist.maxTrainImages", defaultValue = "0")
  int maxTrainImages;

  /** Share of the training images kept aside to pick the best epoch, in [0, 0.5) (default 1/12). */
  @Parameter(property = "mnist.validationFraction")
  Float validationFraction;

  /** Train even when the outputs are up to date. */
  @Parameter(property = "mnist.force", defaultValue = "false")
  boolean force;

  /** Skip the goal (also skips {@code mnist:evaluate} and {@code mnist:finetune}). */
  @Parameter(property = "mnist.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping mnist:train (mnist.skip=true)");
      return;
    }
    if (!"cpu".equals(device == null ? "cpu" : device.trim().toLowerCase(Locale.ROOT))) {
      throw new MojoExecutionException("device: only 'cpu' is supported for training in this build (was '"
          + device + "'). Remove <device> or set -Dmnist.device=cpu; the trained model can still run on a GPU"
          + " through the SDK (Device.CUDA).");
    }
    TrainingConfig config = config();
    TrainingRun run = new TrainingRun(config, dataset(), path(outputDirectory), new LoggingProgress(getLog()::info))
        .tool("mnist-maven-plugin", pluginVersion);
    try {
      TrainingRun.Result result = run.run(force);
      if (result.skipped()) {
        getLog().info("Model " + result.model() + " is up to date (" + result.reason() + "); skipping training."
            + " Use -Dmnist.force=true to retrain.");
      } else {
        getLog().info(String.format(Locale.ROOT, "Trained %s: test accuracy %.2f%% (%s). Wrote %s",
            config.architecture(), 100 * result.outcome().testAccuracy(), result.reason(), result.model()));
      }
    } catch (RuntimeException e) {
      throw error(null, e);
    }
  }

  private TrainingConfig config() throws MojoExecutionException {
    TrainingConfig.Builder builder;
    try {
      builder = TrainingConfig.builder(Architecture.fromId(architecture));
    } catch (IllegalArgumentException e) {
      throw error("architecture", e);
    }
    try {
      if (optimizer != null) {
        builder.optimizer(OptimizerKind.fromId(optimizer)); // resets the learning rate: set it after
      }
      if (schedule != null) {
        builder.schedule(LearningRateSchedule.fromId(schedule));
      }
      if (learningRate != null) {
        builder.learningRate(learningRate);
      }
      if (batchSize != null) {
        builder.batchSize(batchSize);
      }
      if (validationFraction != null) {
        builder.validationFraction(validationFraction);
      }
      return builder.epochs(epochs).seed(seed).augment(augment).maxTrainImages(maxTrainImages).build();
    } catch (IllegalArgumentException e) {
      throw error(null, e);
    }
  }

  private DatasetSpec dataset() throws MojoExecutionException {
    try {
      DatasetSpec spec = DatasetSpec.parse(dataset, basePath(), path(dataDirectory));
      if (spec.isFolder() && dataDirectory != null) {
        getLog().warn("dataDirectory is ignored: the dataset is the image folder " + spec.id());
      }
      return spec;
    } catch (IllegalArgumentException e) {
      throw error("dataset", e);
    }
  }
}
