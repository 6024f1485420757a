package io.github.mnistkit.trainer.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.nn.Architecture;
import java.nio.FloatBuffer;

/**
 * A DJL model of one of the reference architectures with its parameters, its number of classes (10
 * digits, or 11 with "not a digit") and its calibration temperature. Owns native memory: close it.
 *
 * <p>Probabilities always come as {@link #COLUMNS} values per image: the ten digits, then "not a
 * digit" (0 for a model without that class), so that evaluations treat both kinds alike.
 */
public final class TrainedModel implements AutoCloseable {
  /** Probabilities per image: digits 0–9, then "not a digit" (column {@value #NOT_A_DIGIT}). */
  public static final int COLUMNS = ModelMetadata.NOT_A_DIGIT_CLASS + 1;

  /** The column (and training label) of "not a digit". */
  public static final int NOT_A_DIGIT = ModelMetadata.NOT_A_DIGIT_CLASS;

  static final Shape INPUT_SHAPE = new Shape(1, 1, 28, 28);
  private static final int INFERENCE_BATCH = 256;

  static {
    GpuProbeNoise.quietWithoutDriver(); // before DJL's engine starts
  }

  private final Architecture architecture;
  private final int classes;
  private final Model model;
  private ConfidenceCalibration calibration = ConfidenceCalibration.NONE;

  private TrainedModel(Architecture architecture, int classes, Model model) {
    this.architecture = architecture;
    this.classes = classes;
    this.model = model;
  }

  /**
   * A new model with freshly initialised parameters (initialisation uses DJL's seeded RNG).
   *
   * @param classes {@link Architecture#DIGITS} or {@link Architecture#DIGITS_AND_NOT_A_DIGIT}
   */
  static TrainedModel create(Architecture architecture, int classes) {
    if (classes != Architecture.DIGITS && classes != Architecture.DIGITS_AND_NOT_A_DIGIT) {
      throw new IllegalArgumentException("A digit model has 10 or 11 classes, not " + classes);
    }
    Model model = Model.newInstance(architecture.id(), Device.cpu(), "PyTorch");
    ai.djl.nn.Block block = architecture.network(classes).toBlock();
    block.setInitializer(new FanInUniformInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
    model.setBlock(block);
    return new TrainedModel(architecture, classes, model);
  }

  /** A model with freshly initialised (untrained) parameters, seeded, with {@code classes}. */
  public static TrainedModel untrained(Architecture architecture, int classes, int seed) {
    ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(seed);
    TrainedModel model = create(architecture, classes);
    model.block().initialize(model.manager(), ai.djl.ndarray.types.DataType.FLOAT32, INPUT_SHAPE);
    return model;
  }

  /** A digit-only (ten-class) model with freshly initialised parameters, seeded. */
  public static TrainedModel untrained(Architecture architecture, int seed) {
    return untrained(architecture, Architecture.DIGITS, seed);
  }

  public Architecture architecture() {
    return architecture;
  }

  /** 10, or 11 when the model has the "not a digit" class. */
  public int classes() {
    return classes;
  }

  /** Whether the model has the "not a digit" class. */
  public boolean canRefuse() {
    return classes == Architecture.DIGITS_AND_NOT_A_DIGIT;
  }

  /** The network this model's parameters belong to. */
  public io.github.mnistkit.trainer.nn.Layer.Sequence network() {
    return architecture.network(classes);
  }

  /** Its calibration ({@link ConfidenceCalibration#NONE} until calibrated). */
  public ConfidenceCalibration calibration() {
    return calibration;
  }

  /** Sets the calibration; {@link #probabilities} then divide logits by its temperature. */
  public void calibrate(ConfidenceCalibration calibration) {
    float t = calibration.temperature();
    if (!(t > 0 && Float.isFinite(t))) {
      throw new IllegalArgumentException("temperature must be positive, was " + t);
    }
    this.calibration = calibration;
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

  /**
   * Logits ({@link #classes()} per image, uncalibrated) for {@code count} images stored as 784
   * floats each, in inference mode.
   */
  public float[] logits(float[] images, int count) {
    float[] out = new float[count * classes];
    try (NDManager batchManager = model.getNDManager().newSubManager()) {
      ParameterStore store = new ParameterStore(batchManager, false);
      for (int start = 0; start < count; start += INFERENCE_BATCH) {
        int n = Math.min(INFERENCE_BATCH, count - start);
        try (NDManager scope = batchManager.newSubManager()) {
          NDArray x =
              scope.create(FloatBuffer.wrap(images, start * 784, n * 784), new Shape(n, 1, 28, 28));
          NDArray logits = model.getBlock().forward(store, new NDList(x), false).singletonOrThrow();
          System.arraycopy(logits.toFloatArray(), 0, out, start * classes, n * classes);
        }
      }
    }
    return out;
  }

  /** Calibrated probabilities, {@link #COLUMNS} per image, for {@code count} images. */
  public float[] probabilities(float[] images, int count) {
    return toColumns(Softmax.apply(logits(images, count), classes, calibration.temperature()));
  }

  /** Calibrated probabilities, {@link #COLUMNS} per image, for every image of a data set. */
  public float[] probabilities(IdxDataset data) {
    return toColumns(Softmax.apply(logits(data), classes, calibration.temperature()));
  }

  private float[] toColumns(float[] perClass) {
    if (classes == COLUMNS) {
      return perClass;
    }
    int n = perClass.length / classes;
    float[] out = new float[n * COLUMNS];
    for (int i = 0; i < n; i++) {
      System.arraycopy(perClass, i * classes, out, i * COLUMNS, classes);
    }
    return out;
  }

  /** Uncalibrated logits, {@link #classes()} per image, for every image of a data set. */
  public float[] logits(IdxDataset data) {
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
