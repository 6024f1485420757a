package io.github.mnistkit.sdk;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a model says about itself (its ONNX metadata), where it came from, and which bytes it is.
 *
 * @param source the file path, or {@code "bundled default model"}
 * @param metadata all metadata properties of the ONNX file
 * @param sha256 the SHA-256 of the ONNX file's bytes, 64 lower-case hex digits; {@code null} when
 *     unknown (an info made with the two-argument constructor)
 */
public record ModelInfo(String source, Map<String, String> metadata, String sha256) {
  /** Length of the {@link #sha256()} prefix that {@link #version()} uses. */
  public static final int SHORT_SHA256 = 12;

  public ModelInfo {
    metadata = Map.copyOf(metadata);
  }

  /** An info whose bytes are unknown ({@link #sha256()} is null). */
  public ModelInfo(String source, Map<String, String> metadata) {
    this(source, metadata, null);
  }

  /**
   * The model's version: its {@value ModelMetadata#MODEL_VERSION} metadata when whoever wrote the
   * file set one; otherwise {@code sha256:} and the first {@value #SHORT_SHA256} hex digits of
   * {@link #sha256()}, which change whenever the bytes do; {@code "unknown"} without either.
   */
  public String version() {
    String declared = metadata.get(ModelMetadata.MODEL_VERSION);
    if (declared != null && !declared.isBlank()) {
      return declared;
    }
    return sha256 == null ? "unknown" : "sha256:" + sha256.substring(0, SHORT_SHA256);
  }

  /**
   * Architecture name such as {@code cnn}, or {@code "unknown"} for models not written by
   * mnist-kit.
   */
  public String architecture() {
    return metadata.getOrDefault(ModelMetadata.ARCHITECTURE, "unknown");
  }

  public String dataset() {
    return metadata.getOrDefault(ModelMetadata.DATASET, "unknown");
  }

  /** {@link Precision#INT8} for a quantised model, otherwise {@link Precision#FP32}. */
  public Precision precision() {
    return Precision.of(metadata);
  }

  /** Test accuracy recorded by the trainer, as a fraction. */
  public OptionalDouble testAccuracy() {
    return number(ModelMetadata.TEST_ACCURACY);
  }

  /**
   * Whether the model has the "not a digit" class ({@value ModelMetadata#CLASSES} = {@value
   * ModelMetadata#CLASSES_WITH_NOT_A_DIGIT}), so that ink which is not a digit gets {@link
   * Recognition.Verdict#NOT_A_DIGIT}. Models written before that class existed (ten outputs) answer
   * a digit for any ink; only blank images give "no digit" with them.
   */
  public boolean canRefuse() {
    return ModelMetadata.CLASSES_WITH_NOT_A_DIGIT.equals(metadata.get(ModelMetadata.CLASSES));
  }

  /** The calibration temperature the trainer stored ({@value ModelMetadata#TEMPERATURE}). */
  public OptionalDouble temperature() {
    return number(ModelMetadata.TEMPERATURE);
  }

  /**
   * The confidence under which the trainer recommends treating an answer as "not sure" ({@value
   * ModelMetadata#CONFIDENCE_THRESHOLD}); empty for models without calibration.
   */
  public OptionalDouble confidenceThreshold() {
    return number(ModelMetadata.CONFIDENCE_THRESHOLD);
  }

  private OptionalDouble number(String key) {
    String value = metadata.get(key);
    try {
      return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  @Override
  public String toString() {
    return architecture()
        + (precision() == Precision.INT8 ? " (int8)" : "")
        + " trained on "
        + dataset()
        + (testAccuracy().isPresent()
            ? String.format(" (test accuracy %.2f%%)", 100 * testAccuracy().getAsDouble())
            : "")
        + (canRefuse() ? ", refuses non-digits" : "")
        + " from "
        + source;
  }
}
