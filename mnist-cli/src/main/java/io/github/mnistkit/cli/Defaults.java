package io.github.mnistkit.cli;

import io.github.mnistkit.cli.serve.ServeConfig;
import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.job.FineTuneConfig;
import io.github.mnistkit.trainer.job.TrainingJob;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The default of every option, read from the builders that define it (the trainer's {@link
 * TrainingConfig} and {@link FineTuneConfig}, the server's {@link ServeConfig}), so the tool, the
 * Maven goals and the libraries cannot drift apart. Help texts show them with {@code
 * ${DEFAULT-VALUE}}. Options whose default depends on another option (a recipe value that depends
 * on the architecture, serve's confidence threshold that depends on the model) have none here: left
 * unset, the builder decides.
 *
 * <p>Output folders mirror the Maven goals' {@code ${project.build.directory}/…}, relative to the
 * current folder.
 */
final class Defaults implements IDefaultValueProvider {
  static final String TRAIN_OUTPUT = "target/mnist";
  static final String FINETUNE_OUTPUT = "target/mnist-finetuned";

  private final Map<String, Map<String, String>> byCommand =
      Map.of("train", train(), "finetune", fineTune(), "evaluate", evaluate(), "serve", serve());

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    return byCommand.getOrDefault(argument.command().name(), Map.of()).get(option.longestName());
  }

  private static Map<String, String> train() {
    TrainingConfig config = TrainingConfig.builder(TrainingConfig.DEFAULT_ARCHITECTURE).build();
    return Map.of(
        "--architecture", config.architecture().id(),
        "--epochs", Integer.toString(config.epochs()),
        "--seed", Long.toString(config.seed()),
        "--validation-fraction", Float.toString(config.validationFraction()),
        "--max-train-images", Integer.toString(config.maxTrainImages()),
        "--augment", Boolean.toString(config.augment()),
        "--int8", Boolean.toString(config.int8()),
        "--not-a-digit", Boolean.toString(config.notADigit()),
        "--dataset", DatasetKind.MNIST.id(),
        "--output-directory", TRAIN_OUTPUT);
  }

  private static Map<String, String> fineTune() {
    FineTuneConfig config = FineTuneConfig.builder(Path.of("base"), Path.of("images")).build();
    return Map.of(
        "--base-checkpoint", TRAIN_OUTPUT + "/" + TrainingJob.CHECKPOINT_FILE,
        "--epochs", Integer.toString(config.epochs()),
        "--learning-rate", Float.toString(config.learningRate()),
        "--freeze-features", Boolean.toString(config.freezeFeatures()),
        "--replay-fraction", Float.toString(config.replayFraction()),
        "--augment", Boolean.toString(config.augment()),
        "--int8", Boolean.toString(config.int8()),
        "--seed", Long.toString(config.seed()),
        "--output-directory", FINETUNE_OUTPUT);
  }

  private static Map<String, String> evaluate() {
    return Map.of(
        "--model",
        TRAIN_OUTPUT + "/" + TrainingJob.MODEL_FILE,
        "--dataset",
        DatasetKind.MNIST.id());
  }

  private static Map<String, String> serve() {
    ServeConfig config = ServeConfig.builder().build();
    return Map.of(
        "--host", config.host(),
        "--port", Integer.toString(config.port()),
        "--max-upload-bytes", Long.toString(config.maxUploadBytes()),
        "--max-concurrent-requests", Integer.toString(config.maxConcurrentRequests()));
  }
}
