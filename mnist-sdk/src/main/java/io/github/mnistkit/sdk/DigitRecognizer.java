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
 */
public final class DigitRecognizer implements AutoCloseable {
  /** The largest number of images sent to ONNX Runtime in one call. */
  public static final int MAX_BATCH = 1024;

  private final OnnxDigitModel model;
  private final ImageDecoder decoder;
  private final DigitPreprocessor preprocessor;
  private final DigitRecognizer fallback;
  private final float fallbackThreshold;

  private DigitRecognizer(Builder builder) {
    this.decoder = ImageDecoder.create().withMaxPixels(builder.maxPixels);
    this.preprocessor = DigitPreprocessor.create();
    this.fallback = builder.fallback;
    this.fallbackThreshold = builder.fallbackThreshold;
    this.model = OnnxDigitModel.open(builder.source(), builder.device, builder.threads);
  }

  /** A recognizer over the model bundled in the jar, on CPU. */
  public static DigitRecognizer createDefault() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Recognises the single digit in an image file. */
  public Recognition recognize(Path imageFile) {
    return recognize(decoder.decode(imageFile));
  }

  /** Recognises the single digit in encoded image bytes (PNG, JPEG, GIF, BMP, TIFF, …). */
  public Recognition recognize(byte[] encodedImage) {
    return recognize(decoder.decode(encodedImage));
  }

  /** Recognises the single digit in an encoded image read from {@code in} (not closed). */
  public Recognition recognize(InputStream in) {
    return recognize(decoder.decode(in));
  }

  /** Recognises the single digit in a decoded image of any size and background. */
  public Recognition recognize(BufferedImage image) {
    return classify(preprocessor.toDigit(image));
  }

  /** Recognises one digit per image, with one ONNX Runtime call per batch. */
  public List<Recognition> recognizeAll(List<BufferedImage> images) {
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
   * Classifies MNIST-style inputs (no preprocessing) in batches of up to {@link #MAX_BATCH}; blank
   * inputs give "no digit" without reaching the model.
   */
  public List<Recognition> classify(List<DigitImage> digits) {
    Recognition[] results = new Recognition[digits.size()];
    List<Integer> inked = new ArrayList<>(digits.size());
    for (int i = 0; i < digits.size(); i++) {
      DigitImage digit = Objects.requireNonNull(digits.get(i), "digit image");
      if (digit.isBlank()) {
        results[i] = Recognition.noDigit(digit, model.info().source());
      } else {
        inked.add(i);
      }
    }
    for (int start = 0; start < inked.size(); start += MAX_BATCH) {
      List<Integer> chunk = inked.subList(start, Math.min(inked.size(), start + MAX_BATCH));
      float[] pixels = new float[chunk.size() * DigitImage.SIZE * DigitImage.SIZE];
      for (int j = 0; j < chunk.size(); j++) {
        digits.get(chunk.get(j)).copyTo(pixels, j * 784);
      }
      float[] probabilities = model.probabilities(pixels, chunk.size());
      for (int j = 0; j < chunk.size(); j++) {
        float[] row = new float[10];
        System.arraycopy(probabilities, j * 10, row, 0, 10);
        results[chunk.get(j)] = new Recognition(row, digits.get(chunk.get(j)), model.info().source());
      }
    }
    return withFallback(List.of(results));
  }

  /** Reads a row of digits (e.g. an amount or a meter reading) from an image file, left to right. */
  public DigitSequence readNumber(Path imageFile) {
    return readNumber(decoder.decode(imageFile));
  }

  public DigitSequence readNumber(byte[] encodedImage) {
    return readNumber(decoder.decode(encodedImage));
  }

  public DigitSequence readNumber(InputStream in) {
    return readNumber(decoder.decode(in));
  }

  public DigitSequence readNumber(BufferedImage image) {
    return new DigitSequence(classify(preprocessor.toDigitRow(image)));
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

  /** Closes this recognizer's session (not the fallback's, which the caller owns). */
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
    private DigitRecognizer fallback;
    private float fallbackThreshold;
    private Precision precision;

    private Builder() {}

    /** An ONNX model file written by mnist-kit's trainer (default: the bundled model). */
    public Builder model(Path onnxFile) {
      this.modelFile = Objects.requireNonNull(onnxFile, "onnxFile");
      this.modelBytes = null;
      return this;
    }

    /** An ONNX model held in memory; {@code name} appears in messages and {@link Recognition#model()}. */
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
        throw new IllegalArgumentException("threads must be 0 (automatic) or positive, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Images with more pixels are refused before decoding (default 40 megapixels). */
    public Builder maxPixels(long maxPixels) {
      if (maxPixels <= 0) {
        throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
      }
      this.maxPixels = maxPixels;
      return this;
    }

    /**
     * When this recognizer's confidence is under {@code threshold}, ask {@code base} instead (e.g. a
     * fine-tuned model falling back to the general MNIST model). Each result's {@link
     * Recognition#model()} says which answered. The caller keeps ownership of {@code base}.
     */
    public Builder fallback(DigitRecognizer base, double threshold) {
      if (threshold <= 0 || threshold > 1) {
        throw new IllegalArgumentException("fallback threshold must be in (0, 1], was " + threshold);
      }
      this.fallback = Objects.requireNonNull(base, "base");
      this.fallbackThreshold = (float) threshold;
      return this;
    }

    public DigitRecognizer build() {
      return new DigitRecognizer(this);
    }

    private ModelSource source() {
      if (precision != null && (modelFile != null || modelBytes != null)) {
        throw new IllegalStateException("precision(" + precision + ") selects a bundled model, but a model"
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
