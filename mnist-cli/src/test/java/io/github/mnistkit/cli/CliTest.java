package io.github.mnistkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.cli.serve.ServeConfig;
import io.github.mnistkit.trainer.job.FineTuneConfig;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainedModel;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line itself: help, defaults taken from the builders, usage errors and exit codes. */
class CliTest {
  static final List<String> COMMANDS =
      List.of(
          "train",
          "finetune",
          "evaluate",
          "recognize",
          "read-number",
          "serve",
          "models",
          "version");

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Run run = Run.of("--help");
    assertEquals(0, run.exitCode(), run.toString());
    for (String command : COMMANDS) {
      assertTrue(run.out().contains("  " + command + " "), command + " in\n" + run.out());
    }
    assertTrue(run.out().contains("Exit codes:"), run.out());
    assertTrue(run.out().contains("2  usage error"), run.out());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "train",
        "finetune",
        "evaluate",
        "recognize",
        "read-number",
        "serve",
        "models",
        "version"
      })
  void everyCommandHasHelp(String command) {
    Run run = Run.of(command, "--help");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("Usage: mnist-kit " + command), run.out());
    assertTrue(run.out().contains("--help"), run.out());
  }

  @Test
  void trainHelpShowsTheTrainersDefaults() {
    TrainingConfig defaults = TrainingConfig.builder(TrainingConfig.DEFAULT_ARCHITECTURE).build();
    String help = Run.of("train", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("Default: " + defaults.architecture().id() + "."), help);
    assertTrue(help.contains("is kept. Default: " + defaults.epochs() + "."), help);
    assertTrue(help.contains("split. Default: " + defaults.seed() + "."), help);
    assertTrue(help.contains("Default: " + defaults.validationFraction() + "."), help);
    assertTrue(help.contains("cnn, basic-cnn, resnet-small, resnet18, resnet34"), help);
  }

  @Test
  void unsetTrainOptionsTakeTheBuildersValuesAndRecipeValuesStayUnset() {
    TrainCommand train = parse(TrainCommand.class, "train");
    TrainingConfig defaults = TrainingConfig.builder(TrainingConfig.DEFAULT_ARCHITECTURE).build();
    assertEquals(defaults.architecture().id(), train.architecture);
    assertEquals(defaults.epochs(), train.epochs);
    assertEquals(defaults.seed(), train.seed);
    assertEquals(defaults.validationFraction(), train.validationFraction);
    assertEquals(defaults.maxTrainImages(), train.maxTrainImages);
    assertEquals(defaults.augment(), train.switches.augment());
    assertNull(train.batchSize, "left to the architecture's recipe");
    assertNull(train.learningRate);
    assertNull(train.optimizer);
    assertEquals(Path.of(Defaults.TRAIN_OUTPUT), train.outputDirectory);
  }

  @Test
  void fineTuneDefaultsComeFromItsBuilderAndAugmentCanBeSwitchedOff() {
    FineTuneConfig defaults = FineTuneConfig.builder(Path.of("b"), Path.of("i")).build();
    FineTuneCommand plain = parse(FineTuneCommand.class, "finetune", "--image-folder", "mine");
    assertEquals(defaults.epochs(), plain.epochs);
    assertEquals(defaults.learningRate(), plain.learningRate);
    assertEquals(defaults.replayFraction(), plain.replayFraction);
    assertEquals(defaults.augment(), plain.switches.augment());
    assertTrue(plain.switches.augment(), "augmentation is on by default for fine-tuning");
    assertFalse(
        parse(FineTuneCommand.class, "finetune", "--image-folder", "m", "--no-augment")
            .switches
            .augment());
    assertFalse(
        parse(FineTuneCommand.class, "finetune", "--image-folder", "m", "--augment=false")
            .switches
            .augment());
    assertTrue(
        parse(FineTuneCommand.class, "finetune", "--image-folder", "m", "--augment")
            .switches
            .augment());
    assertTrue(parse(TrainCommand.class, "train", "--augment").switches.augment());
    assertEquals(defaults.int8(), plain.switches.int8());
    assertTrue(plain.switches.int8(), "int8 copies are on by default");
    assertFalse(
        parse(FineTuneCommand.class, "finetune", "--image-folder", "m", "--no-int8")
            .switches
            .int8());
    assertFalse(parse(TrainCommand.class, "train", "--int8=false").switches.int8());
    String help = Run.of("finetune", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("training images. Default: true."), help);
    assertTrue(help.contains("model just trained. Default: true."), help);
    assertTrue(
        parse(FineTuneCommand.class, "finetune", "--image-folder", "m", "--freeze-features")
            .freezeFeatures);
  }

  @Test
  void serveDefaultsComeFromServeConfig() {
    ServeConfig defaults = ServeConfig.builder().build();
    ServeCommand serve = parse(ServeCommand.class, "serve");
    assertEquals(defaults.port(), serve.port);
    assertEquals(defaults.host(), serve.host);
    assertEquals(defaults.maxUploadBytes(), serve.maxUploadBytes);
    assertEquals(defaults.maxConcurrentRequests(), serve.maxConcurrentRequests);
    assertNull(serve.confidenceThreshold, "unset: the model's own calibrated threshold");
    assertEquals(
        0.75,
        parse(ServeCommand.class, "serve", "--confidence-threshold", "0.75").confidenceThreshold);
    String help = Run.of("serve", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("Default: the threshold calibrated into the model"), help);
    Run outOfRange = Run.of("serve", "--port", "0", "--confidence-threshold", "1.5");
    assertEquals(MnistKit.USAGE, outOfRange.exitCode(), outOfRange.toString());
    assertTrue(
        outOfRange.err().contains("confidence threshold must be in [0, 1]"), outOfRange.err());
  }

  @Test
  void modelsShowsTheElevenClassNetworksThatTrainBuilds() {
    Run run = Run.of("models");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("Networks with 11 outputs"), run.out());
    long parameters;
    try (TrainedModel cnn =
        TrainedModel.untrained(Architecture.CNN, Architecture.DIGITS_AND_NOT_A_DIGIT, 1)) {
      parameters =
          cnn.block().getParameters().values().stream()
              .filter(p -> p.requiresGradient())
              .mapToLong(p -> p.getArray().size())
              .sum();
    }
    String row = String.format(java.util.Locale.ROOT, "| `cnn` | %,d |", parameters);
    assertTrue(run.out().contains(row), row + " in\n" + run.out());
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    Run run = Run.of("recognise", "x.png");
    assertEquals(MnistKit.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Did you mean: mnist-kit recognize"), run.err());
  }

  @Test
  void noCommandIsAUsageError() {
    Run run = Run.of();
    assertEquals(MnistKit.USAGE, run.exitCode(), run.toString());
    assertTrue(run.err().contains("Missing command"), run.err());
  }

  @Test
  void aValueTheTrainerRefusesIsAUsageErrorWithItsMessage() {
    Run zero = Run.of("train", "--epochs", "0");
    assertEquals(MnistKit.USAGE, zero.exitCode(), zero.toString());
    assertTrue(zero.err().contains("epochs must be at least 1 (was 0)"), zero.err());
    Run architecture = Run.of("train", "--architecture", "resnet50");
    assertEquals(MnistKit.USAGE, architecture.exitCode(), architecture.toString());
    assertTrue(
        architecture.err().contains("Unknown architecture 'resnet50'. Choose one of: cnn"),
        architecture.err());
    Run notANumber = Run.of("train", "--epochs", "five");
    assertEquals(MnistKit.USAGE, notANumber.exitCode(), notANumber.toString());
    Run device = Run.of("train", "--device", "cuda");
    assertEquals(MnistKit.USAGE, device.exitCode(), device.toString());
    assertTrue(device.err().contains("Unknown options: '--device'"), device.err());
    Run gate = Run.of("evaluate", "--min-accuracy", "98");
    assertEquals(MnistKit.USAGE, gate.exitCode(), gate.toString());
    assertTrue(gate.err().contains("such as 0.98 for 98%"), gate.err());
    Run port = Run.of("serve", "--port", "70000");
    assertEquals(MnistKit.USAGE, port.exitCode(), port.toString());
  }

  @Test
  void aMissingModelIsAFailureThatNamesTheFile() {
    Run run = Run.of("evaluate", "--model", "no/such/model.onnx");
    assertEquals(MnistKit.FAILED, run.exitCode(), run.toString());
    assertTrue(run.err().contains("model.onnx does not exist"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace for a bad input: " + run.err());
  }

  @Test
  void versionNamesTheBundledModelsDigest() {
    Run run = Run.of("version");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.out().matches("(?s)mnist-kit \\S+\n.*ONNX Runtime 1\\.\\d+.*sha256  [0-9a-f]{64}\n"),
        run.out());
  }

  private static <T> T parse(Class<T> command, String... args) {
    CommandLine root =
        MnistKit.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    return command.cast(root.parseArgs(args).subcommand().commandSpec().userObject());
  }
}
