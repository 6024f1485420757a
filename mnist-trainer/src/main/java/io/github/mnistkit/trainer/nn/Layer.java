package io.github.mnistkit.trainer.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One layer of a reference network, described once and turned both into a DJL {@link Block} for
 * training and (by the {@code onnx} package's {@code LayerWriter}) into ONNX nodes for export.
 * Because both come from the same description, a trained block is exported by walking the
 * description beside the block's children, in the same order.
 */
public sealed interface Layer {

  /** A new, uninitialised DJL block for this layer. */
  Block toBlock();

  /** Multiply-accumulate operations per image, for the model zoo table. */
  default long macs(int[] chw) {
    return 0;
  }

  /** The output shape (channels, height, width or features) for an input of {@code chw}. */
  int[] outputShape(int[] chw);

  record Normalize(float mean, float std) implements Layer {
    public Block toBlock() {
      return new LambdaBlock(x -> new NDList(x.singletonOrThrow().sub(mean).div(std)), "normalize");
    }

    public int[] outputShape(int[] chw) {
      return chw;
    }
  }

  record Conv(int channels, int kernel, int stride, int padding) implements Layer {
    public Block toBlock() {
      return Conv2d.builder()
          .setKernelShape(new Shape(kernel, kernel))
          .setFilters(channels)
          .optStride(new Shape(stride, stride))
          .optPadding(new Shape(padding, padding))
          .build();
    }

    public int[] outputShape(int[] chw) {
      int h = (chw[1] + 2 * padding - kernel) / stride + 1;
      int w = (chw[2] + 2 * padding - kernel) / stride + 1;
      return new int[] {channels, h, w};
    }

    public long macs(int[] chw) {
      int[] out = outputShape(chw);
      return (long) out[0] * out[1] * out[2] * chw[0] * kernel * kernel;
    }
  }

  record BatchNormalization(float epsilon) implements Layer {
    public Block toBlock() {
      return BatchNorm.builder().optEpsilon(epsilon).optMomentum(0.9f).build();
    }

    public int[] outputShape(int[] chw) {
      return chw;
    }
  }

  record Relu() implements Layer {
    public Block toBlock() {
      return Activation.reluBlock();
    }

    public int[] outputShape(int[] chw) {
      return chw;
    }
  }

  record LeakyRelu(float alpha) implements Layer {
    public Block toBlock() {
      return Activation.leakyReluBlock(alpha);
    }

    public int[] outputShape(int[] chw) {
      return chw;
    }
  }

  record MaxPool(int kernel, int stride, int padding) implements Layer {
    public Block toBlock() {
      return Pool.maxPool2dBlock(
          new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding));
    }

    public int[] outputShape(int[] chw) {
      int h = (chw[1] + 2 * padding - kernel) / stride + 1;
      int w = (chw[2] + 2 * padding - kernel) / stride + 1;
      return new int[] {chw[0], h, w};
    }
  }

  /** Active only in training; the export leaves it out, as inference does. */
  record DropoutLayer(float rate) implements Layer {
    public Block toBlock() {
      return Dropout.builder().optRate(rate).build();
    }

    public int[] outputShape(int[] chw) {
      return chw;
    }
  }

  record Flatten() implements Layer {
    public Block toBlock() {
      return Blocks.batchFlattenBlock();
    }

    public int[] outputShape(int[] chw) {
      int size = 1;
      for (int d : chw) {
        size *= d;
      }
      return new int[] {size};
    }
  }

  record GlobalAveragePool() implements Layer {
    public Block toBlock() {
      return Pool.globalAvgPool2dBlock();
    }

    public int[] outputShape(int[] chw) {
      return new int[] {chw[0]};
    }
  }

  record Dense(int units) implements Layer {
    public Block toBlock() {
      return Linear.builder().setUnits(units).build();
    }

    public int[] outputShape(int[] features) {
      return new int[] {units};
    }

    public long macs(int[] features) {
      return (long) features[0] * units;
    }
  }

  record Sequence(List<Layer> layers) implements Layer {
    public Sequence {
      layers = List.copyOf(layers);
    }

    public static Sequence of(Layer... layers) {
      return new Sequence(List.of(layers));
    }

    public Block toBlock() {
      SequentialBlock block = new SequentialBlock();
      layers.forEach(layer -> block.add(layer.toBlock()));
      return block;
    }

    public int[] outputShape(int[] chw) {
      int[] shape = chw;
      for (Layer layer : layers) {
        shape = layer.outputShape(shape);
      }
      return shape;
    }

    public long macs(int[] chw) {
      long total = 0;
      int[] shape = chw;
      for (Layer layer : layers) {
        total += layer.macs(shape);
        shape = layer.outputShape(shape);
      }
      return total;
    }
  }

  /**
   * {@code activation(main(x) + shortcut(x))}; an empty shortcut is the identity. The activation is
   * a {@link Relu} or a {@link LeakyRelu}.
   */
  record Residual(Sequence main, Sequence shortcut, Layer activation) implements Layer {
    public Block toBlock() {
      UnaryOperator<NDArray> activate =
          activation instanceof LeakyRelu leaky
              ? x -> Activation.leakyRelu(x, leaky.alpha())
              : Activation::relu;
      List<Block> branches = new ArrayList<>();
      branches.add(main.toBlock());
      branches.add(shortcut.layers().isEmpty() ? Blocks.identityBlock() : shortcut.toBlock());
      return new ParallelBlock(
          outputs ->
              new NDList(
                  activate.apply(
                      outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow()))),
          branches);
    }

    public int[] outputShape(int[] chw) {
      return main.outputShape(chw);
    }

    public long macs(int[] chw) {
      return main.macs(chw) + shortcut.macs(chw);
    }
  }
}
