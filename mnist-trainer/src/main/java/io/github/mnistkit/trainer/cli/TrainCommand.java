package io.github.mnistkit.trainer.cli;

import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.job.TrainingJob;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.LearningRateSchedule;
import io.github.mnistkit.trainer.train.OptimizerKind;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code java -cp ... io.github.mnistkit.trainer.cli.TrainCommand --architecture cnn --epochs 5
 * --data ../shared/data/mnist --output target/mnist}: trains, exports a verified model.onnx and
 * writes report.json.
 */
public final class TrainCommand {
  private static final String USAGE = """
      Usage: TrainCommand [options]
        --architecture NAME   %s (default: the trainer's)
        --dataset NAME        mnist | fashion-mnist (default mnist)
        --data DIR            folder with the four IDX files (default: cache, then download)
        --output DIR          where model.onnx, checkpoint.params and report.json go (default target/mnist)
        --epochs N            (default: the trainer's)
        --batch-size N        (default: the architecture's)
        --learning-rate X     (default: the architecture's)
        --optimizer NAME      adam | adamw | sgd | adadelta (default: the architecture's)
        --schedule NAME       none | step | cosine (default: the architecture's)
        --seed N              (default: the trainer's)
        --validation F        validation fraction of the training set (default: the trainer's)
        --max-train N         use only the first N training images (default all)
        --augment             random shifts/rotations/scaling of training images
      """;

  private TrainCommand() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (IllegalArgumentException | MnistKitException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  static TrainingJob.Outcome run(String[] args) {
    Map<String, String> options = parse(args);
    TrainingConfig.Builder config = options.containsKey("architecture")
        ? TrainingConfig.builder(Architecture.fromId(options.get("architecture")))
        : TrainingConfig.builder();
    if (options.containsKey("optimizer")) {
      config.optimizer(OptimizerKind.fromId(options.get("optimizer")));
    }
    if (options.containsKey("learning-rate")) {
      config.learningRate(Float.parseFloat(options.get("learning-rate")));
    }
    if (options.containsKey("schedule")) {
      config.schedule(LearningRateSchedule.fromId(options.get("schedule")));
    }
    intOption(options, "epochs").ifPresent(config::epochs);
    intOption(options, "batch-size").ifPresent(config::batchSize);
    intOption(options, "seed").ifPresent(config::seed);
    intOption(options, "max-train").ifPresent(config::maxTrainImages);
    config.augment(options.containsKey("augment"));
    if (options.containsKey("validation")) {
      config.validationFraction(Float.parseFloat(options.get("validation")));
    }
    ConsoleProgress progress = new ConsoleProgress(System.out);
    DatasetKind kind = DatasetKind.fromId(options.getOrDefault("dataset", "mnist"));
    Path dataDirectory = options.containsKey("data") ? Path.of(options.get("data")) : null;
    DigitData data = DataSources.defaults(progress::onMessage).load(kind, dataDirectory);
    Path output = Path.of(options.getOrDefault("output", "target/mnist"));
    return new TrainingJob(config.build(), output, progress).run(data);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.print(USAGE.formatted(Architecture.ids()));
        System.exit(0);
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'.\n" + USAGE.formatted(Architecture.ids()));
      }
      String name = arg.substring(2);
      if (name.equals("augment")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("Option " + arg + " needs a value.");
      }
    }
    return options;
  }

  private static OptionalInt intOption(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number (was '" + value + "').");
    }
  }
}
