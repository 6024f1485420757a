package io.github.mnistkit.sdk;

import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.sdk.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Recognises handwritten digits in images: decodes (any common format, EXIF orientation honoured),
 * turns the image into MNIST-style 28×28 input, and runs an ONNX model with ONNX Runtime.
 *
 * <pre>{@code
 * try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
 *   Recognition seven = recognizer.recognize(Path.of("seven.jpg"));
 *   DigitSequence amount = recognizer.readNumber(Path.of("amount.png"));
 * }
 * }</pre>
 *
 * <p>One recognizer is safe to share between threads. It owns an ONNX Runtime session: close it.
 * {@link #close()} waits for calls already running in other threads, is idempotent, and any call
 * made after it throws {@link RecognizerClosedException}.
 *
 * <p>Every bad input gives a documented {@link MnistKitException} subclass naming the input and the
 * reason: {@link InvalidImageException} for images, {@link InvalidModelException} for models,
 * {@link DeviceUnavailableException} for devices. See docs/reliability.md for the limits on memory
 * and time.
 */
public final class DigitRecognizer implements AutoCloseable {
  /**
   * The largest number of images sent to ONNX Runtime in one call on CUDA. On CPU a call takes at
   * most {@value #CPU_BATCH}. {@link #classify(List)} takes any number of images either way.
   */
  public static final int MAX_BATCH = OnnxDigitModel.MAX_BATCH;

  /**
   * The largest number of images sent to ONNX Runtime in one call on CPU: larger calls run slower
   * per image, because their activations no longer fit in the CPU's caches.
   */
  public static final int CPU_BATCH = OnnxDigitModel.CPU_CHUNK;

  private final OnnxDigitModel model;
  private final ImageDecoder decoder;
  private final DigitPreprocessor preprocessor;
  private final DigitRecognizer fallback;
  private final float fallbackThreshold;

  private DigitRecognizer(Builder builder) {
    this.preprocessor = builder.preprocessor;
    this.decoder =
        ImageDecoder.create()
            .withMaxPixels(builder.maxPixels)
            .withWorkingSide(preprocessor.maxWorkingSide());
    this.fallback = builder.fallback;
    this.fallbackThreshold = builder.fallbackThreshold;
    this.model =
        OnnxDigitModel.open(
            builder.source(), builder.device, builder.threads, builder.confidenceThreshold);
  }

  /** A recognizer over the model bundled in the jar, on CPU. */
  public static DigitRecognizer createDefault() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Recognises the single digit in an image file.
   *
   * @throws InvalidImageException if the file is missing, not an image, damaged or too large
   * @throws RecognizerClosedException if this recognizer was closed
   */
  public Recognition recognize(Path imageFile) {
    ensureOpen();
    return recognize(decoder.decode(imageFile));
  }

  /** Recognises the single digit in encoded image bytes (PNG, JPEG, GIF, BMP, TIFF, ICO, …). */
  public Recognition recognize(byte[] encodedImage) {
    ensureOpen();
    return recognize(decoder.decode(encodedImage));
  }

  /** Recognises the single digit in an encoded image read from {@code in} (not closed). */
  public Recognition recognize(InputStream in) {
    ensureOpen();
    return recognize(decoder.decode(in));
  }

  /** Recognises the single digit in a decoded image of any size and background. */
  public Recognition recognize(BufferedImage image) {
    ensureOpen();
    return classify(preprocessor.toDigit(image));
  }

  /** Recognises one digit per image, with one ONNX Runtime call per batch. */
  public List<Recognition> recognizeAll(List<BufferedImage> images) {
    ensureOpen();
    List<DigitImage> digits = new ArrayList<>(images.size());
    for (BufferedImage image : images) {
      digits.add(preprocessor.toDigit(image));
    }
    return classify(digits);
  }

  /** Classifies an already MNIST-style 28×28 input (no preprocessing). */
  public Recognition classify(DigitImage digit) {
    return classify(List.of(digit)).get(0);
  }

  /**
   * Classifies MNIST-style inputs (no preprocessing), any number of them, in ONNX Runtime calls of
   * up to {@link #CPU_BATCH} images on CPU and {@link #MAX_BATCH} on CUDA; blank inputs give "no
   * digit" without reaching the model.
   */
  public List<Recognition> classify(List<DigitImage> digits) {
    ensureOpen();
    return withFallback(model.classify(digits));
  }

  /**
   * Reads a row of digits (e.g. an amount or a meter reading) from an image file, left to right.
   */
  public DigitSequence readNumber(Path imageFile) {
    ensureOpen();
    return readNumber(decoder.decode(imageFile));
  }

  public DigitSequence readNumber(byte[] encodedImage) {
    ensureOpen();
    return readNumber(decoder.decode(encodedImage));
  }

  public DigitSequence readNumber(InputStream in) {
    ensureOpen();
    return readNumber(decoder.decode(in));
  }

  public DigitSequence readNumber(BufferedImage image) {
    ensureOpen();
    return new NumberReader(preprocessor, this::classify).read(image);
  }

  /** The 28×28 input the model would see for {@code image}, for debugging and display. */
  public DigitImage preprocess(BufferedImage image) {
    return preprocessor.toDigit(image);
  }

  /** The device the model actually runs on (AUTO resolved). */
  public Device device() {
    return model.device();
  }

  /** The model's metadata and source. */
  public ModelInfo modelInfo() {
    return model.info();
  }

  /**
   * The confidence under which a digit answer is {@link Recognition.Verdict#UNSURE}: the one given
   * to {@link Builder#confidenceThreshold(double)}, else the model's calibrated default ({@link
   * ModelInfo#confidenceThreshold()}), else 0.
   */
  public double confidenceThreshold() {
    return model.confidenceThreshold();
  }

  private List<Recognition> withFallback(List<Recognition> results) {
    if (fallback == null) {
      return results;
    }
    List<DigitImage> unsure = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Recognition r = results.get(i);
      if (r.hasDigit() && r.confidence() < fallbackThreshold) {
        unsure.add(r.input());
        positions.add(i);
      }
    }
    if (unsure.isEmpty()) {
      return results;
    }
    List<Recognition> merged = new ArrayList<>(results);
    List<Recognition> second = fallback.classify(unsure);
    for (int j = 0; j < positions.size(); j++) {
      merged.set(positions.get(j), second.get(j));
    }
    return merged;
  }

  /** Fails fast after close; calls that pass this check and race with close are checked again. */
  private void ensureOpen() {
    if (model.isClosed()) {
      throw model.closedException();
    }
  }

  /**
   * Closes this recognizer's session (not the fallback's, which the caller owns). Waits for calls
   * already running in other threads to finish; idempotent. Later calls throw {@link
   * RecognizerClosedException}.
   */
  @Override
  public void close() {
    model.close();
  }

  /** Configures a {@link DigitRecognizer}. */
  public static final class Builder {
    private Path modelFile;
    private byte[] modelBytes;
    private String modelName;
    private Device device = Device.CPU;
    private int threads;
    private long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;
    private DigitPreprocessor preprocessor = DigitPreprocessor.create();
    private DigitRecognizer fallback;
    private float fallbackThreshold;
    private Float confidenceThreshold;
    private Precision precision;

    private Builder() {}

    /** An ONNX model file written by mnist-kit's trainer (default: the bundled model). */
    public Builder model(Path onnxFile) {
      this.modelFile = Objects.requireNonNull(onnxFile, "onnxFile");
      this.modelBytes = null;
      return this;
    }

    /**
     * An ONNX model held in memory; {@code name} appears in messages and {@link
     * Recognition#model()}.
     */
    public Builder model(byte[] onnxBytes, String name) {
      this.modelBytes = onnxBytes.clone();
      this.modelName = Objects.requireNonNull(name, "name");
      this.modelFile = null;
      return this;
    }

    /**
     * Which bundled model to use: {@link Precision#INT8} (the default, about twice as fast) or
     * {@link Precision#FP32}. A model given by {@link #model(Path)} carries its own precision, so
     * choosing both is refused when the recognizer is built.
     */
    public Builder precision(Precision precision) {
      this.precision = Objects.requireNonNull(precision, "precision");
      return this;
    }

    /** CPU (default), CUDA, or AUTO. */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /** Intra-op threads for ONNX Runtime; 0 (default) lets ONNX Runtime choose. */
    public Builder threads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException(
            "threads must be 0 (automatic) or positive, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Images with more pixels are refused before decoding (default 50 megapixels). */
    public Builder maxPixels(long maxPixels) {
      if (maxPixels <= 0) {
        throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
      }
      this.maxPixels = maxPixels;
      return this;
    }

    /**
     * How images become 28×28 inputs (default {@link DigitPreprocessor#create()}): e.g. a larger
     * working side for photos with fine pen strokes, or a higher minimum contrast for noisy ones.
     * Large images are decoded at a resolution matched to its working side.
     */
    public Builder preprocessor(DigitPreprocessor preprocessor) {
      this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
      return this;
    }

    /**
     * When this recognizer finds a digit with a confidence under {@code threshold}, ask {@code
     * base} instead (e.g. a fine-tuned model falling back to the general MNIST model). Answers
     * without a digit (blank, or refused as not a digit) are kept. A replaced answer is {@code
     * base}'s, with its verdict judged by {@code base}'s own threshold. Each result's {@link
     * Recognition#model()} says which answered. The caller keeps ownership of {@code base}.
     */
    public Builder fallback(DigitRecognizer base, double threshold) {
      if (threshold <= 0 || threshold > 1) {
        throw new IllegalArgumentException(
            "fallback threshold must be in (0, 1], was " + threshold);
      }
      this.fallback = Objects.requireNonNull(base, "base");
      this.fallbackThreshold = (float) threshold;
      return this;
    }

    /**
     * Answers with a confidence under {@code threshold} get {@link Recognition.Verdict#UNSURE}
     * instead of {@link Recognition.Verdict#DIGIT}. Default: the threshold the trainer chose on
     * held-out images and stored in the model ({@link ModelInfo#confidenceThreshold()}), or 0 for
     * models without one. Raise it where a wrong digit costs more than asking again.
     */
    public Builder confidenceThreshold(double threshold) {
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException(
            "confidence threshold must be in [0, 1], was " + threshold);
      }
      this.confidenceThreshold = (float) threshold;
      return this;
    }

    public DigitRecognizer build() {
      return new DigitRecognizer(this);
    }

    private ModelSource source() {
      if (precision != null && (modelFile != null || modelBytes != null)) {
        throw new IllegalStateException(
            "precision("
                + precision
                + ") selects a bundled model, but a model"
                + " was also given; a model file carries its own precision. Drop one of the two.");
      }
      if (precision != null) {
        return ModelSource.bundled(precision);
      }
      if (modelFile != null) {
        return ModelSource.file(modelFile);
      }
      if (modelBytes != null) {
        return new ModelSource(modelName, modelBytes);
      }
      return ModelSource.bundled();
    }
  }
}
