package io.github.mnistkit.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of an ONNX model and a name for messages: a file, the bundled model, or caller bytes.
 */
record ModelSource(String name, byte[] bytes) {
  static final String DEFAULT_RESOURCE = "/io/github/mnistkit/sdk/default-model.onnx";
  static final String DEFAULT_INT8_RESOURCE = "/io/github/mnistkit/sdk/default-model-int8.onnx";
  static final String DEFAULT_NAME = "bundled default model";

  /** Far more than any digit model needs (ResNet-34 is about 85 MB); less than a Java array. */
  static final long MAX_MODEL_BYTES = 1L << 30;

  /** The bundled model's precision when the builder does not choose one. */
  static final Precision DEFAULT_PRECISION = Precision.INT8;

  static ModelSource file(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidModelException(
          "Model file "
              + file.toAbsolutePath()
              + " does not exist. Train one"
              + " with mnist:train (it writes target/mnist/model.onnx) or use DigitRecognizer.createDefault().");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidModelException(
          "Model file " + file.toAbsolutePath() + " is not a readable file.");
    }
    try {
      if (Files.size(file) > MAX_MODEL_BYTES) {
        throw new InvalidModelException(
            String.format(
                java.util.Locale.ROOT,
                "Model file %s holds"
                    + " %,d bytes, more than the %,d bytes any digit model needs; it is not a digit model.",
                file.toAbsolutePath(),
                Files.size(file),
                MAX_MODEL_BYTES));
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        throw new InvalidModelException(
            "Model file "
                + file.toAbsolutePath()
                + " is empty; it is not an"
                + " ONNX model. Re-export or re-copy it.");
      }
      return new ModelSource(file.toString(), bytes);
    } catch (IOException e) {
      throw new InvalidModelException(
          "Model file " + file.toAbsolutePath() + " could not be read: " + e, e);
    }
  }

  /** The SHA-256 of the bytes, as 64 lower-case hex digits. */
  String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  static ModelSource bundled() {
    return bundled(DEFAULT_PRECISION);
  }

  /** The bundled model in {@code precision}; the default one is named {@link #DEFAULT_NAME}. */
  static ModelSource bundled(Precision precision) {
    String resource = precision == Precision.INT8 ? DEFAULT_INT8_RESOURCE : DEFAULT_RESOURCE;
    String name =
        precision == DEFAULT_PRECISION
            ? DEFAULT_NAME
            : DEFAULT_NAME + " (" + precision.name().toLowerCase(java.util.Locale.ROOT) + ")";
    try (InputStream in = ModelSource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidModelException(
            "The bundled default model "
                + resource
                + " is missing"
                + " from the classpath; the mnist-sdk jar is incomplete.");
      }
      return new ModelSource(name, in.readAllBytes());
    } catch (IOException e) {
      throw new InvalidModelException("Could not read the bundled default model: " + e, e);
    }
  }
}
