package io.github.mnistkit.sdk;

/** Numeric precision of a model's weights and activations. */
public enum Precision {
  /** 32-bit floating point throughout. */
  FP32,
  /** Static 8-bit quantisation (int8 weights, uint8 activations); about twice as fast on CPU. */
  INT8;

  /**
   * The precision recorded in a model's metadata ({@link ModelMetadata#PRECISION}); FP32 if none.
   */
  static Precision of(java.util.Map<String, String> metadata) {
    return "int8".equalsIgnoreCase(metadata.get(ModelMetadata.PRECISION)) ? INT8 : FP32;
  }
}
