package io.github.mnistkit.spark.job;

import io.github.mnistkit.spark.RecognitionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The job's command line: {@code --name value} pairs and a few flags.
 *
 * @param input a folder, file or glob of images, or a Parquet table
 * @param inputFormat {@code images} (Spark's binaryFile source) or {@code parquet}
 * @param bytesColumn Parquet input: the column with the image bytes (or with paths to them)
 * @param pathColumn Parquet input: the column that names each image, written as {@code path}
 * @param pattern images input: only file names matching this glob (e.g. {@code *.png})
 * @param recursive images input: descend into sub-folders
 * @param output the folder to write
 * @param outputFormat {@code parquet} or {@code csv}
 * @param overwrite replace an existing output folder
 * @param model ONNX model path/URI/--files name; empty for the bundled model
 * @param mode digit or number
 * @param batchSize rows per classify call
 * @param threads ONNX Runtime intra-op threads per executor
 */
public record JobOptions(
    String input,
    String inputFormat,
    String bytesColumn,
    String pathColumn,
    String pattern,
    boolean recursive,
    String output,
    String outputFormat,
    boolean overwrite,
    String model,
    RecognitionMode mode,
    int batchSize,
    int threads) {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: spark-submit --class "
              + RecognizeImagesJob.class.getName()
              + " mnist-spark-job.jar \\",
          "    --input <folder|glob|table> --output <folder> [options]",
          "  --input-format images|parquet   images: any files Spark's binaryFile source lists (default)",
          "  --bytes-column NAME              parquet: column with image bytes or paths (default content)",
          "  --path-column NAME               parquet: column naming each image (default path)",
          "  --pattern GLOB                   images: only these file names, e.g. '*.png'",
          "  --recursive                      images: descend into sub-folders",
          "  --output-format parquet|csv      (default parquet)",
          "  --overwrite                      replace an existing output folder",
          "  --model PATH                     ONNX model: local path, hdfs://, s3a://, or a --files name;",
          "                                   default: the model bundled in the jar",
          "  --mode digit|number              one digit per image (default), or a row of digits",
          "  --batch-size N                   rows per classify call (default 64)",
          "  --threads N                      ONNX Runtime threads per executor (default 1)");

  private static final List<String> FLAGS = List.of("recursive", "overwrite");
  private static final List<String> VALUES =
      List.of(
          "input",
          "input-format",
          "bytes-column",
          "path-column",
          "pattern",
          "output",
          "output-format",
          "model",
          "mode",
          "batch-size",
          "threads");

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the wrong argument, with the usage
   */
  public static JobOptions parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name != null && FLAGS.contains(name)) {
        flags.add(name);
      } else if (name != null && VALUES.contains(name) && i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw usage("unknown or incomplete argument '" + args[i] + "'");
      }
    }
    if (!values.containsKey("input") || !values.containsKey("output")) {
      throw usage("--input and --output are required");
    }
    return new JobOptions(
        values.get("input"),
        oneOf(values, "input-format", "images", "parquet"),
        values.getOrDefault("bytes-column", "content"),
        values.getOrDefault("path-column", "path"),
        values.get("pattern"),
        flags.contains("recursive"),
        values.get("output"),
        oneOf(values, "output-format", "parquet", "csv"),
        flags.contains("overwrite"),
        values.getOrDefault("model", ""),
        RecognitionMode.parse(values.getOrDefault("mode", "digit")),
        positive(values, "batch-size", 64),
        positive(values, "threads", 1));
  }

  private static String oneOf(Map<String, String> values, String name, String... allowed) {
    String value = values.getOrDefault(name, allowed[0]).toLowerCase(Locale.ROOT);
    if (!List.of(allowed).contains(value)) {
      throw usage("--" + name + " must be one of " + List.of(allowed) + ", was '" + value + "'");
    }
    return value;
  }

  private static int positive(Map<String, String> values, String name, int fallback) {
    String value = values.get(name);
    try {
      int parsed = value == null ? fallback : Integer.parseInt(value);
      if (parsed < 1) {
        throw usage("--" + name + " must be at least 1, was " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw usage("--" + name + " must be a whole number, was '" + value + "'");
    }
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "\n" + USAGE);
  }
}
