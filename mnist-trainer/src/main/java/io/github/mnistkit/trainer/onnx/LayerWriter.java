package io.github.mnistkit.trainer.onnx;

import static io.github.mnistkit.trainer.onnx.OnnxGraphWriter.integer;
import static io.github.mnistkit.trainer.onnx.OnnxGraphWriter.ints;
import static io.github.mnistkit.trainer.onnx.OnnxGraphWriter.real;

import ai.djl.nn.Block;
import io.github.mnistkit.trainer.nn.Layer;
import io.github.mnistkit.trainer.nn.Layer.BatchNormalization;
import io.github.mnistkit.trainer.nn.Layer.Conv;
import io.github.mnistkit.trainer.nn.Layer.Dense;
import io.github.mnistkit.trainer.nn.Layer.DropoutLayer;
import io.github.mnistkit.trainer.nn.Layer.Flatten;
import io.github.mnistkit.trainer.nn.Layer.GlobalAveragePool;
import io.github.mnistkit.trainer.nn.Layer.LeakyRelu;
import io.github.mnistkit.trainer.nn.Layer.MaxPool;
import io.github.mnistkit.trainer.nn.Layer.Normalize;
import io.github.mnistkit.trainer.nn.Layer.Relu;
import io.github.mnistkit.trainer.nn.Layer.Residual;
import io.github.mnistkit.trainer.nn.Layer.Sequence;
import java.util.List;

/**
 * Writes {@link Layer} descriptions as ONNX nodes, with the trained parameters of the DJL blocks
 * they built. Walks the description beside the block's children, in the same order.
 */
final class LayerWriter {
  private final OnnxGraphWriter graph;

  LayerWriter(OnnxGraphWriter graph) {
    this.graph = graph;
  }

  /**
   * Writes {@code layer} reading {@code input}, with the parameters of {@code block} (a block this
   * layer built), and returns the name of its output.
   */
  String write(Layer layer, Block block, String input) {
    if (layer instanceof Normalize normalize) {
      String shifted =
          graph.node(
              "Sub", List.of(input, graph.initializer("mean", new float[] {normalize.mean()})));
      return graph.node(
          "Div", List.of(shifted, graph.initializer("std", new float[] {normalize.std()})));
    } else if (layer instanceof Conv conv) {
      return conv(conv, block, input);
    } else if (layer instanceof BatchNormalization batchNorm) {
      return batchNormalization(batchNorm, block, input);
    } else if (layer instanceof Relu) {
      return graph.node("Relu", List.of(input));
    } else if (layer instanceof LeakyRelu leaky) {
      return graph.node("LeakyRelu", List.of(input), real("alpha", leaky.alpha()));
    } else if (layer instanceof MaxPool pool) {
      return graph.node(
          "MaxPool",
          List.of(input),
          ints("kernel_shape", pool.kernel(), pool.kernel()),
          ints("strides", pool.stride(), pool.stride()),
          ints("pads", pool.padding(), pool.padding(), pool.padding(), pool.padding()));
    } else if (layer instanceof DropoutLayer) {
      return input; // inference has no dropout
    } else if (layer instanceof Flatten) {
      return graph.node("Flatten", List.of(input), integer("axis", 1));
    } else if (layer instanceof GlobalAveragePool) {
      String pooled = graph.node("GlobalAveragePool", List.of(input));
      return graph.node("Flatten", List.of(pooled), integer("axis", 1));
    } else if (layer instanceof Dense dense) {
      return dense(dense, block, input);
    } else if (layer instanceof Sequence sequence) {
      return sequence(sequence, block, input);
    } else if (layer instanceof Residual residual) {
      return residual(residual, block, input);
    }
    throw new IllegalArgumentException("No ONNX form for layer " + layer);
  }

  private String conv(Conv conv, Block block, String input) {
    int channels = conv.channels();
    int kernel = conv.kernel();
    float[] weight = parameter(block, "weight");
    long inChannels = weight.length / ((long) channels * kernel * kernel);
    return graph.node(
        "Conv",
        List.of(
            input,
            graph.initializer("conv_w", weight, channels, inChannels, kernel, kernel),
            graph.initializer("conv_b", parameter(block, "bias"), channels)),
        ints("kernel_shape", kernel, kernel),
        ints("strides", conv.stride(), conv.stride()),
        ints("pads", conv.padding(), conv.padding(), conv.padding(), conv.padding()));
  }

  private String batchNormalization(BatchNormalization batchNorm, Block block, String input) {
    float[] gamma = parameter(block, "gamma");
    int c = gamma.length;
    return graph.node(
        "BatchNormalization",
        List.of(
            input,
            graph.initializer("bn_scale", gamma, c),
            graph.initializer("bn_bias", parameter(block, "beta"), c),
            graph.initializer("bn_mean", parameter(block, "runningMean"), c),
            graph.initializer("bn_var", parameter(block, "runningVar"), c)),
        real("epsilon", batchNorm.epsilon()));
  }

  private String dense(Dense dense, Block block, String input) {
    float[] weight = parameter(block, "weight");
    int units = dense.units();
    return graph.node(
        "Gemm",
        List.of(
            input,
            graph.initializer("dense_w", weight, units, weight.length / units),
            graph.initializer("dense_b", parameter(block, "bias"), units)),
        integer("transB", 1));
  }

  private String sequence(Sequence sequence, Block block, String input) {
    var children = block.getChildren();
    String output = input;
    for (int i = 0; i < sequence.layers().size(); i++) {
      output = write(sequence.layers().get(i), children.get(i).getValue(), output);
    }
    return output;
  }

  private String residual(Residual residual, Block block, String input) {
    var children = block.getChildren();
    String mainOut = sequence(residual.main(), children.get(0).getValue(), input);
    String shortcutOut =
        residual.shortcut().layers().isEmpty()
            ? input
            : sequence(residual.shortcut(), children.get(1).getValue(), input);
    String sum = graph.node("Add", List.of(mainOut, shortcutOut));
    return write(residual.activation(), null, sum);
  }

  private static float[] parameter(Block block, String name) {
    return block.getDirectParameters().get(name).getArray().toFloatArray();
  }
}
