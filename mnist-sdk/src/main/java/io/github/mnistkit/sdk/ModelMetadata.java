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

  /**
   * What the model's outputs mean, comma-separated in output order: {@value #CLASSES_DIGITS} for a
   * digit-only model (absent means the same) or {@value #CLASSES_WITH_NOT_A_DIGIT} for a model
   * whose output {@value #NOT_A_DIGIT_CLASS} is the "not a digit" class.
   */
  public static final String CLASSES = "mnistkit.classes";

  /** The ten digit classes, the value of {@link #CLASSES} for a model that cannot refuse. */
  public static final String CLASSES_DIGITS = "0,1,2,3,4,5,6,7,8,9";

  /** The value of {@link #CLASSES} for a model with the "not a digit" class. */
  public static final String CLASSES_WITH_NOT_A_DIGIT = CLASSES_DIGITS + ",not-a-digit";

  /** Index of the "not a digit" output, and its label in training data. */
  public static final int NOT_A_DIGIT_CLASS = 10;

  /**
   * Temperature that calibrates the probabilities: softmax(logits / T), T fitted on held-out images
   * after training. Absent means 1.
   */
  public static final String TEMPERATURE = "mnistkit.temperature";

  /**
   * Default confidence under which a digit answer is "not sure" ({@link
   * Recognition.Verdict#UNSURE}), chosen on held-out images after calibration. Absent means 0:
   * every digit answer is sure.
   */
  public static final String CONFIDENCE_THRESHOLD = "mnistkit.confidence_threshold";

  public static final String INPUT_FORMAT_VALUE =
      "float [N,1,28,28] in [0,1], ink=1 background=0, normalised inside the graph";

  /** Name of the graph input. */
  public static final String INPUT_NAME = "image";

  /** Name of the softmax output, [N,10] or [N,11] (see {@link #CLASSES}). */
  public static final String PROBABILITIES_OUTPUT = "probabilities";

  /** Name of the raw score output, [N,10] or [N,11]. */
  public static final String LOGITS_OUTPUT = "logits";

  private ModelMetadata() {}
}
