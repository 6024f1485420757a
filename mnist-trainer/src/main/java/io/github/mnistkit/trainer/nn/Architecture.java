package io.github.mnistkit.trainer.nn;

import io.github.mnistkit.trainer.Ids;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The reference network designs, by the names that code, goal parameters and docs share. Each one
 * starts with the input normalisation, so an exported model takes raw [0,1] pixels (ink = 1).
 */
public enum Architecture implements Ids.Named {
  /** Three conv + batch-norm + ReLU + max-pool blocks, dense 1152→256→10. */
  CNN("cnn") {
    @Override
    Sequence body() {
      return Sequence.of(
          convBlock(32),
          convBlock(64),
          convBlock(128),
          new Flatten(),
          new Dense(256),
          new Relu(),
          new DropoutLayer(0.5f));
    }
  },
  /** The PyTorch examples' MNIST net: two convs, max-pool, dense 9216→128→10. */
  BASIC_CNN("basic-cnn") {
    @Override
    Sequence body() {
      return Sequence.of(
          new Conv(32, 3, 1, 0),
          new Relu(),
          new Conv(64, 3, 1, 0),
          new Relu(),
          new MaxPool(2, 2, 0),
          new DropoutLayer(0.25f),
          new Flatten(),
          new Dense(128),
          new Relu(),
          new DropoutLayer(0.5f));
    }
  },
  /** 5×5 stem, two residual blocks with a 32-channel bottleneck, dense 6272→10. */
  RESNET_SMALL("resnet-small") {
    @Override
    Sequence body() {
      return Sequence.of(
          new Conv(64, 5, 1, 2),
          new Relu(),
          new MaxPool(2, 2, 0),
          bottleneck(64),
          new Conv(128, 3, 1, 1),
          new Relu(),
          new MaxPool(2, 2, 0),
          bottleneck(128),
          new Flatten());
    }
  },
  /** Basic-block ResNet-18 for 28×28 input. */
  RESNET18("resnet18") {
    @Override
    Sequence body() {
      return resnet(2, 2, 2, 2);
    }
  },
  /** Basic-block ResNet-34 for 28×28 input. */
  RESNET34("resnet34") {
    @Override
    Sequence body() {
      return resnet(3, 4, 6, 3);
    }
  };

  /** Outputs of a digit-only network. */
  public static final int DIGITS = 10;

  /** Outputs of a network with the "not a digit" class. */
  public static final int DIGITS_AND_NOT_A_DIGIT = 11;

  public static final float MNIST_MEAN = 0.1307f;
  public static final float MNIST_STD = 0.3081f;
  private static final float BN_EPSILON = 1e-5f;
  private static final float LEAKY_SLOPE = 0.01f;
  private static final int[] INPUT = {1, 28, 28};

  private final String id;

  Architecture(String id) {
    this.id = id;
  }

  /** Everything between the input normalisation and the last dense layer. */
  abstract Sequence body();

  /** The reference design: ten logits, one per digit. */
  public Sequence network() {
    return network(DIGITS);
  }

  /**
   * The whole network: input normalisation, the body, and a dense layer with {@code classes} logits
   * (10 digits, or 11 with the "not a digit" class).
   */
  public Sequence network(int classes) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Normalize(MNIST_MEAN, MNIST_STD));
    layers.addAll(body().layers());
    layers.add(new Dense(classes));
    return new Sequence(layers);
  }

  /** The name used on the command line, in goal parameters, in model metadata and in docs. */
  @Override
  public String id() {
    return id;
  }

  /** Multiply-accumulates for one 28×28 image (a FLOP count is twice this). */
  public long macsPerImage() {
    return network().macs(INPUT);
  }

  /** Parses a name such as {@code resnet-small}; the message lists the valid names. */
  public static Architecture fromId(String id) {
    return Ids.parse(Architecture.class, id, "architecture", null);
  }

  public static String ids() {
    return Ids.list(Architecture.class);
  }

  @Override
  public String toString() {
    return id;
  }

  private static Sequence convBlock(int channels) {
    return Sequence.of(
        new Conv(channels, 3, 1, 1),
        new BatchNormalization(BN_EPSILON),
        new Relu(),
        new MaxPool(2, 2, 0));
  }

  private static Residual bottleneck(int channels) {
    return new Residual(
        Sequence.of(new Conv(32, 5, 1, 2), new Relu(), new Conv(channels, 3, 1, 1)),
        Sequence.of(),
        new Relu());
  }

  private static Sequence resnet(int... blocksPerStage) {
    List<Layer> layers =
        new ArrayList<>(
            List.of(
                new Conv(64, 3, 1, 1),
                new BatchNormalization(BN_EPSILON),
                new LeakyRelu(LEAKY_SLOPE),
                new MaxPool(3, 2, 1)));
    int[] widths = {64, 128, 256, 512};
    int inChannels = 64;
    for (int stage = 0; stage < widths.length; stage++) {
      for (int b = 0; b < blocksPerStage[stage]; b++) {
        int stride = stage > 0 && b == 0 ? 2 : 1;
        layers.add(basicBlock(inChannels, widths[stage], stride));
        inChannels = widths[stage];
      }
    }
    layers.addAll(List.of(new GlobalAveragePool(), new DropoutLayer(0.3f)));
    return new Sequence(layers);
  }

  private static Residual basicBlock(int inChannels, int channels, int stride) {
    Sequence main =
        Sequence.of(
            new Conv(channels, 3, stride, 1),
            new BatchNormalization(BN_EPSILON),
            new LeakyRelu(LEAKY_SLOPE),
            new Conv(channels, 3, 1, 1),
            new BatchNormalization(BN_EPSILON));
    Sequence shortcut =
        stride != 1 || inChannels != channels
            ? Sequence.of(new Conv(channels, 1, stride, 0), new BatchNormalization(BN_EPSILON))
            : Sequence.of();
    return new Residual(main, shortcut, new LeakyRelu(LEAKY_SLOPE));
  }
}
