package io.github.mnistkit.sdk;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a model says about itself (its ONNX metadata) and where it came from.
 *
 * @param source the file path, or {@code "bundled default model"}
 * @param metadata all metadata properties of the ONNX file
 */
public record ModelInfo(String source, Map<String, String> metadata) {
  public ModelInfo {
    metadata = Map.copyOf(metadata);
  }

  /** Architecture name such as {@code cnn}, or {@code "unknown"} for models not written by mnist-kit. */
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
    String value = metadata.get(ModelMetadata.TEST_ACCURACY);
    try {
      return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  @Override
  public String toString() {
    return architecture() + (precision() == Precision.INT8 ? " (int8)" : "") + " trained on " + dataset()
        + (testAccuracy().isPresent() ? String.format(" (test accuracy %.2f%%)", 100 * testAccuracy().getAsDouble()) : "")
        + " from " + source;
  }
}
