package io.github.mnistkit.cli;

import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.job.TrainingRun;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.LearningRateSchedule;
import io.github.mnistkit.trainer.train.OptimizerKind;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mnist-kit train}: the {@code mnist:train} goal on the command line, with the same options.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains a digit model and writes model.onnx (checked against the trained network),"
          + " checkpoint.params, report.json and report.html into the output folder.",
      "Skipped while up to date (same data, settings and versions as the last successful run);"
          + " --force retrains."
    })
final class TrainCommand implements Callable<Integer> {
  private static final String RECIPE =
      "Default: the architecture's recipe ('mnist-kit models' lists it).";

  @Spec CommandSpec spec;

  @Option(
      names = "--architecture",
      paramLabel = "NAME",
      completionCandidates = Names.Architectures.class,
      description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  String architecture;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "Passes over the training images; the epoch with the best validation accuracy is"
              + " kept. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Images per batch, 1-4096. " + RECIPE)
  Integer batchSize;

  @Option(
      names = "--learning-rate",
      paramLabel = "RATE",
      description = RECIPE + " With --optimizer alone: that optimiser's usual rate.")
  Float learningRate;

  @Option(
      names = "--optimizer",
      paramLabel = "NAME",
      completionCandidates = Names.Optimizers.class,
      description = "${COMPLETION-CANDIDATES}. " + RECIPE)
  String optimizer;

  @Option(
      names = "--schedule",
      paramLabel = "NAME",
      completionCandidates = Names.Schedules.class,
      description = "Learning-rate schedule: ${COMPLETION-CANDIDATES}. " + RECIPE)
  String schedule;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seeds initialisation, shuffling, augmentation and a folder's test split."
              + " Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--dataset",
      paramLabel = "NAME|FOLDER",
      description =
          "mnist, fashion-mnist, or a folder with sub-folders 0/ ... 9/ of images (a stratified"
              + " sixth of each digit's images is held out for testing). Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(
      names = {"--data-directory", "--data"},
      paramLabel = "FOLDER",
      description =
          "Folder with the four IDX files (gzipped or not). Default: the per-user cache"
              + " (~/.mnist-kit/datasets or $MNISTKIT_HOME/datasets), downloading the files once.")
  Path dataDirectory;

  @Option(
      names = {"--output-directory", "--output"},
      paramLabel = "FOLDER",
      description =
          "Where model.onnx, checkpoint.params, report.json and train.fingerprint go."
              + " Default: ${DEFAULT-VALUE}.")
  Path outputDirectory;

  @Mixin TrainingSwitches switches;

  @Option(
      names = "--not-a-digit",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description =
          "Give the model an 11th class, 'not a digit', trained on generated letters, symbols,"
              + " marks, glued digits, parts of digits and pictures, so that it can refuse what is"
              + " not a digit (and on digits cut from touching rows, so that it does not refuse"
              + " those). Default: ${DEFAULT-VALUE}.")
  boolean notADigit;

  @Option(names = "--no-not-a-digit", description = "Same as --not-a-digit=false.")
  boolean noNotADigit;

  @Option(
      names = "--max-train-images",
      paramLabel = "N",
      description =
          "Train on the first N images only (0: all), for quick runs. Default: ${DEFAULT-VALUE}.")
  int maxTrainImages;

  @Option(
      names = "--validation-fraction",
      paramLabel = "F",
      description =
          "Share of the training images used to pick the best epoch, in [0, 0.5)."
              + " Default: ${DEFAULT-VALUE}.")
  float validationFraction;

  @Option(names = "--force", description = "Train even when the outputs are up to date.")
  boolean force;

  @Override
  public Integer call() {
    TrainingConfig config = Usage.check(spec, this::config);
    DatasetSpec data =
        Usage.check(
            spec,
            () ->
                DatasetSpec.parse(
                    dataset,
                    Path.of("").toAbsolutePath(),
                    dataDirectory == null ? null : dataDirectory.toAbsolutePath()));
    PrintWriter out = spec.commandLine().getOut();
    if (data.isFolder() && dataDirectory != null) {
      out.println(
          "Note: --data-directory is ignored: the dataset is the image folder " + data.id());
    }
    Path output = outputDirectory.toAbsolutePath().normalize();
    if (Files.isRegularFile(output)) {
      throw Usage.error(
          spec,
          "--output-directory: "
              + output
              + " is a file, not a folder. Point it at a"
              + " folder (it is created if missing), or delete the file.");
    }
    TrainingRun.Result result =
        new TrainingRun(config, data, output, Progress.to(out))
            .tool("mnist-kit-cli", VersionCommand.version())
            .run(force);
    out.println(result.summary() + (result.skipped() ? " Use --force to retrain." : ""));
    out.flush();
    return MnistKit.OK;
  }

  private TrainingConfig config() {
    TrainingConfig.Builder builder = TrainingConfig.builder(Architecture.fromId(architecture));
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
    return builder
        .epochs(epochs)
        .seed(seed)
        .validationFraction(validationFraction)
        .augment(switches.augment())
        .int8(switches.int8())
        .notADigit(notADigit && !noNotADigit)
        .maxTrainImages(maxTrainImages)
        .build();
  }
}
