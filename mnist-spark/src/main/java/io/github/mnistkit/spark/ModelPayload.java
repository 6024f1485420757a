package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The model an executor needs, read once on the driver and broadcast: the bytes of an ONNX file, or
 * nothing for the model bundled in the SDK jar (every executor already has it).
 *
 * @param name what the {@code model} column says: the path the user gave, or the bundled model's
 *     name
 * @param onnx the model's bytes, or null for the bundled model
 * @param key identifies the model's content, so that an executor keeps one recognizer per model
 */
record ModelPayload(String name, byte[] onnx, String key) implements Serializable {
  static final String BUNDLED_KEY = "bundled";

  static ModelPayload bundled(String name) {
    return new ModelPayload(name, null, BUNDLED_KEY);
  }

  static ModelPayload of(String name, byte[] onnx) {
    return new ModelPayload(name, onnx, "sha256:" + sha256(onnx));
  }

  boolean isBundled() {
    return onnx == null;
  }

  /** A recognizer over this model with {@code threads} ONNX Runtime intra-op threads. */
  DigitRecognizer open(int threads) {
    DigitRecognizer.Builder builder = DigitRecognizer.builder().threads(threads);
    if (!isBundled()) {
      builder.model(onnx, name);
    }
    return builder.build();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
