package io.github.mnistkit.sdk;

/**
 * Keys of the metadata properties every mnist-kit ONNX model carries. The trainer writes them and
 * the SDK reads them; this class is their single definition.
 */
public final class ModelMetadata {
  /** Architecture name, e.g. {@code cnn}. */
  public static final String ARCHITECTURE = "mnistkit.architecture";

  /** Data set the model was trained on, e.g. {@code mnist}. */
  public static final String DATASET = "mnistkit.dataset";

  /** Accuracy on the data set's test split, as a fraction, e.g. {@code 0.9931}. */
  public static final String TEST_ACCURACY = "mnistkit.test_accuracy";

  /** Number of images the test accuracy was measured on. */
  public static final String TEST_IMAGES = "mnistkit.test_images";

  /** Epochs trained. */
  public static final String EPOCHS = "mnistkit.epochs";

  /** Version of the trainer that wrote the file. */
  public static final String TRAINER_VERSION = "mnistkit.trainer_version";

  /** Mean subtracted from [0,1] pixels inside the graph. */
  public static final String NORMALIZATION_MEAN = "mnistkit.normalization.mean";

  /** Standard deviation the pixels are divided by inside the graph. */
  public static final String NORMALIZATION_STD = "mnistkit.normalization.std";

  /**
   * What the input is: always {@code "float [N,1,28,28] in [0,1], ink=1 background=0, normalised
   * inside the graph"}, so callers feed raw pixels.
   */
  public static final String INPUT_FORMAT = "mnistkit.input_format";

  /** Free text describing how the model was trained (command and parameters). */
  public static final String TRAINING = "mnistkit.training";

  /** Optional: a version the publisher gives the model (see {@link ModelInfo#version()}). */
  public static final String MODEL_VERSION = "mnistkit.model_version";

  /** {@code int8} for a quantised model; absent (or {@code fp32}) for a full-precision one. */
  public static final String PRECISION = "mnistkit.precision";

  /** How an int8 model's activation ranges were calibrated, e.g. on how many training images. */
  public static final String CALIBRATION = "mnistkit.calibration";

  public static final String INPUT_FORMAT_VALUE =
      "float [N,1,28,28] in [0,1], ink=1 background=0, normalised inside the graph";

  /** Name of the graph input. */
  public static final String INPUT_NAME = "image";

  /** Name of the softmax output, [N,10]. */
  public static final String PROBABILITIES_OUTPUT = "probabilities";

  /** Name of the raw score output, [N,10]. */
  public static final String LOGITS_OUTPUT = "logits";

  private ModelMetadata() {}
}
