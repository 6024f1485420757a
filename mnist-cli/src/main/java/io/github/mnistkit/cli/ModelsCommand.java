package io.github.mnistkit.cli;

import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import io.github.mnistkit.trainer.train.TrainedModel;
import io.github.mnistkit.trainer.train.TrainingConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mnist-kit models}: the model zoo, measured from the architectures themselves. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the model zoo as a Markdown table: each architecture's parameter count, MFLOPs per image,"
          + " ONNX size and training recipe (the defaults 'train' uses for it). The figures are for"
          + " the network 'train' builds by default: ten digits and the 'not a digit' class (11"
          + " outputs). Builds each network once, untrained: a few seconds."
    })
final class ModelsCommand implements Callable<Integer> {
  private static final int[] INPUT = {1, 28, 28};

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int classes = TrainingConfig.builder(TrainingConfig.DEFAULT_ARCHITECTURE).build().classes();
    out.printf(
        Locale.ROOT,
        "Networks with %d outputs (%s), as 'train' builds them by default.%n%n",
        classes,
        classes == Architecture.DIGITS_AND_NOT_A_DIGIT ? "ten digits and 'not a digit'" : "digits");
    out.println(
        "| architecture | parameters | MFLOPs / image | ONNX size | optimizer | learning rate"
            + " | schedule | batch size |");
    out.println("|---|---:|---:|---:|---|---:|---|---:|");
    for (Architecture architecture : Architecture.values()) {
      TrainingConfig recipe = TrainingConfig.builder(architecture).build();
      try (TrainedModel model = TrainedModel.untrained(architecture, recipe.classes(), 1)) {
        long parameters =
            model.block().getParameters().values().stream()
                .filter(p -> p.requiresGradient())
                .mapToLong(p -> p.getArray().size())
                .sum();
        long bytes = OnnxExporter.toOnnx(model, Map.of()).getSerializedSize();
        out.printf(
            Locale.ROOT,
            "| `%s` | %,d | %.1f | %.1f MB | %s | %s | %s | %d |%n",
            architecture.id(),
            parameters,
            2 * model.network().macs(INPUT) / 1e6,
            bytes / 1e6,
            recipe.optimizer(),
            recipe.learningRate(),
            recipe.schedule(),
            recipe.batchSize());
        out.flush();
      }
    }
    return MnistKit.OK;
  }
}
