package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.sdk.MnistKitException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;

/**
 * Finds and checks the model on the driver, before any task runs: a missing or broken model fails
 * there with a message that says what to change, instead of failing every task on every executor.
 */
final class ModelResolver {
  /** A digit model is a few MB; anything this large is not one. */
  static final long MAX_MODEL_BYTES = 512L << 20;

  private static final String HOW_TO =
      " Set modelPath (--model for the job) to an ONNX file written by mnist:train or mnist:finetune"
          + " that the driver can read: a local path, an hdfs://, s3a:// or other Hadoop URI, or a"
          + " file shipped with spark-submit --files model.onnx (then give just model.onnx)."
          + " Leave it empty to use the model bundled in the jar.";

  private ModelResolver() {}

  /**
   * Reads the model named by {@code modelPath} (empty: the bundled model) and opens it once to
   * prove that ONNX Runtime accepts it as a digit model.
   *
   * @throws InvalidModelException when the model cannot be found, read or used
   */
  static ModelPayload resolve(String modelPath, Configuration hadoopConf) {
    ModelPayload payload =
        modelPath == null || modelPath.isBlank()
            ? ModelPayload.bundled(bundledName())
            : ModelPayload.of(modelPath, read(modelPath, hadoopConf));
    if (!payload.isBundled()) {
      validate(payload);
    }
    return payload;
  }

  private static String bundledName() {
    try (DigitRecognizer recognizer = DigitRecognizer.builder().threads(1).build()) {
      return recognizer.modelInfo().source();
    }
  }

  private static void validate(ModelPayload payload) {
    try (DigitRecognizer recognizer = payload.open(1)) {
      recognizer.modelInfo();
    } catch (MnistKitException e) {
      throw new InvalidModelException(
          "Model '"
              + payload.name()
              + "' cannot be used for digit recognition: "
              + e.getMessage()
              + HOW_TO,
          e);
    }
  }

  private static byte[] read(String modelPath, Configuration hadoopConf) {
    try {
      Path local = Path.of(modelPath);
      if (Files.isRegularFile(local)) {
        return readLocal(modelPath, local);
      }
    } catch (java.nio.file.InvalidPathException notALocalPath) {
      // a URI such as hdfs://…: Hadoop below
    }
    byte[] viaHadoop = readViaHadoop(modelPath, hadoopConf);
    if (viaHadoop != null) {
      return viaHadoop;
    }
    Path shipped = shippedFile(modelPath);
    if (shipped != null) {
      return readLocal(modelPath, shipped);
    }
    throw new InvalidModelException(
        "Model '"
            + modelPath
            + "' was not found: it is neither a file on the driver ("
            + new File(modelPath).getAbsolutePath()
            + "), nor a Hadoop path, nor a file shipped"
            + " with --files / SparkContext.addFile."
            + HOW_TO);
  }

  private static byte[] readLocal(String modelPath, Path file) {
    try {
      checkSize(modelPath, Files.size(file));
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidModelException(
          "Model '" + modelPath + "' could not be read: " + e + HOW_TO, e);
    }
  }

  private static byte[] readViaHadoop(String modelPath, Configuration hadoopConf) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(modelPath);
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path)) {
        return null;
      }
      FileStatus status = fs.getFileStatus(path);
      if (!status.isFile()) {
        throw new InvalidModelException(
            "Model '" + modelPath + "' is a directory, not a file." + HOW_TO);
      }
      checkSize(modelPath, status.getLen());
      try (InputStream in = fs.open(path)) {
        return in.readAllBytes();
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidModelException(
          "Model '" + modelPath + "' could not be read: " + e + HOW_TO, e);
    }
  }

  /** A bare file name shipped with {@code --files} or {@code SparkContext.addFile}, or null. */
  private static Path shippedFile(String modelPath) {
    if (modelPath.contains("/") || modelPath.contains("\\")) {
      return null;
    }
    try {
      Path shipped = Path.of(SparkFiles.get(modelPath));
      return Files.isRegularFile(shipped) ? shipped : null;
    } catch (RuntimeException noSparkContext) {
      return null;
    }
  }

  private static void checkSize(String modelPath, long bytes) {
    if (bytes == 0) {
      throw new InvalidModelException("Model '" + modelPath + "' is an empty file." + HOW_TO);
    }
    if (bytes > MAX_MODEL_BYTES) {
      throw new InvalidModelException(
          "Model '"
              + modelPath
              + "' is "
              + bytes
              + " bytes, over the "
              + MAX_MODEL_BYTES
              + "-byte limit; it is not a digit model."
              + HOW_TO);
    }
  }
}
