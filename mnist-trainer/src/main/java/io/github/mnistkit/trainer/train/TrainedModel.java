package io.github.mnistkit.trainer.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.nn.Architecture;
import java.nio.FloatBuffer;

/**
 * A DJL model of one of the reference architectures with its parameters. Owns native memory: close
 * it.
 */
public final class TrainedModel implements AutoCloseable {
  static final Shape INPUT_SHAPE = new Shape(1, 1, 28, 28);
  private static final int INFERENCE_BATCH = 256;

  static {
    GpuProbeNoise.quietWithoutDriver(); // before DJL's engine starts
  }

  private final Architecture architecture;
  private final Model model;

  TrainedModel(Architecture architecture, Model model) {
    this.architecture = architecture;
    this.model = model;
  }

  /** A new model with freshly initialised parameters (initialisation uses DJL's seeded RNG). */
  static TrainedModel create(Architecture architecture) {
    Model model = Model.newInstance(architecture.id(), Device.cpu(), "PyTorch");
    ai.djl.nn.Block block = architecture.network().toBlock();
    block.setInitializer(new FanInUniformInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
    model.setBlock(block);
    return new TrainedModel(architecture, model);
  }

  /** A model with freshly initialised (untrained) parameters, seeded. */
  public static TrainedModel untrained(Architecture architecture, int seed) {
    ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(seed);
    TrainedModel model = create(architecture);
    model.block().initialize(model.manager(), ai.djl.ndarray.types.DataType.FLOAT32, INPUT_SHAPE);
    return model;
  }

  public Architecture architecture() {
    return architecture;
  }

  public Block block() {
    return model.getBlock();
  }

  Model djlModel() {
    return model;
  }

  public NDManager manager() {
    return model.getNDManager();
  }

  /** Logits for {@code count} images stored as 784 floats each, in inference mode. */
  public float[] logits(float[] images, int count) {
    float[] out = new float[count * 10];
    try (NDManager batchManager = model.getNDManager().newSubManager()) {
      ParameterStore store = new ParameterStore(batchManager, false);
      for (int start = 0; start < count; start += INFERENCE_BATCH) {
        int n = Math.min(INFERENCE_BATCH, count - start);
        try (NDManager scope = batchManager.newSubManager()) {
          NDArray x =
              scope.create(FloatBuffer.wrap(images, start * 784, n * 784), new Shape(n, 1, 28, 28));
          NDArray logits = model.getBlock().forward(store, new NDList(x), false).singletonOrThrow();
          System.arraycopy(logits.toFloatArray(), 0, out, start * 10, n * 10);
        }
      }
    }
    return out;
  }

  /** Softmax probabilities for {@code count} images. */
  public float[] probabilities(float[] images, int count) {
    return Softmax.apply(logits(images, count), 10);
  }

  /** Softmax probabilities, 10 per image, for every image of a data set. */
  public float[] probabilities(IdxDataset data) {
    return Softmax.apply(logits(data), 10);
  }

  private float[] logits(IdxDataset data) {
    float[] images = new float[data.size() * 784];
    for (int i = 0; i < data.size(); i++) {
      data.copyImage(i, images, i * 784);
    }
    return logits(images, data.size());
  }

  /** Accuracy (fraction correct) on a data set, in inference mode; NaN for an empty set. */
  public double accuracy(IdxDataset data) {
    return DigitTrainer.evaluate(this, data)[1];
  }

  @Override
  public void close() {
    model.close();
  }
}
