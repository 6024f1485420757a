package io.github.mnistkit.trainer.cli;

import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import io.github.mnistkit.trainer.train.TrainedModel;
import java.util.Map;

/** Prints each architecture's parameter count, MFLOPs per image and ONNX size (docs/model-zoo.md). */
public final class ModelZooCommand {
  private ModelZooCommand() {}

  public static void main(String[] args) {
    System.out.println("| architecture | parameters | MFLOPs / image | ONNX size |");
    System.out.println("|---|---:|---:|---:|");
    for (Architecture architecture : Architecture.values()) {
      try (TrainedModel model = TrainedModel.untrained(architecture, 1)) {
        long parameters = model.block().getParameters().values().stream()
            .filter(p -> p.requiresGradient())
            .mapToLong(p -> p.getArray().size())
            .sum();
        long bytes = OnnxExporter.toOnnx(model, Map.of()).getSerializedSize();
        System.out.printf("| `%s` | %,d | %.1f | %.1f MB |%n", architecture.id(), parameters,
            2 * architecture.macsPerImage() / 1e6, bytes / 1e6);
      }
    }
  }
}
