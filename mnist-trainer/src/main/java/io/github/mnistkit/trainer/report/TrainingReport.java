package io.github.mnistkit.trainer.report;

import com.google.gson.GsonBuilder;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.onnx.Parity;
import io.github.mnistkit.trainer.train.EpochStats;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code report.json} of a training run: configuration, per-epoch history, test result, export
 * proof.
 */
public final class TrainingReport {
  private TrainingReport() {}

  public static String toJson(TrainingResult result, Parity parity, long onnxBytes) {
    TrainingConfig config = result.config();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("architecture", config.architecture().id());
    json.put("dataset", result.dataset());
    json.put("trainer_version", TrainerVersion.get());
    json.put("finished", Instant.now().toString());
    json.put("config", configJson(config));
    json.put(
        "images",
        Map.of(
            "train",
            result.trainImages(),
            "validation",
            result.validationImages(),
            "test",
            result.testImages()));
    json.put("epochs", result.history().stream().map(TrainingReport::epochJson).toList());
    json.put("best_epoch", result.bestEpoch());
    json.put("test_accuracy", finiteOrNull(result.testAccuracy()));
    json.put("test_loss", finiteOrNull(result.testLoss()));
    json.put("total_seconds", result.totalSeconds());
    json.put(
        "export",
        Map.of(
            "onnx_bytes", onnxBytes,
            "parity_images", parity.images(),
            "max_abs_probability_difference", parity.maxProbabilityDifference(),
            "argmax_mismatches", parity.argmaxMismatches()));
    json.put("machine", machineJson());
    return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(json);
  }

  /**
   * JSON has no NaN: a figure that was not measured (no validation part, no test set) or diverged
   * is null.
   */
  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  public static Map<String, Object> configJson(TrainingConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epochs", config.epochs());
    json.put("batch_size", config.batchSize());
    json.put("learning_rate", config.learningRate());
    json.put("optimizer", config.optimizer().id());
    json.put("schedule", config.schedule().id());
    json.put("seed", config.seed());
    json.put("validation_fraction", config.validationFraction());
    json.put("augment", config.augment());
    json.put("int8", config.int8());
    json.put("notADigit", config.notADigit());
    json.put("max_train_images", config.maxTrainImages());
    return json;
  }

  private static Map<String, Object> epochJson(EpochStats stats) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("epoch", stats.epoch());
    json.put("train_loss", finiteOrNull(stats.trainLoss()));
    json.put("train_accuracy", finiteOrNull(stats.trainAccuracy()));
    json.put("validation_loss", finiteOrNull(stats.validationLoss()));
    json.put("validation_accuracy", finiteOrNull(stats.validationAccuracy()));
    json.put("seconds", stats.seconds());
    json.put("learning_rate", stats.learningRate());
    return json;
  }

  private static Map<String, Object> machineJson() {
    return Map.of(
        "cores", Runtime.getRuntime().availableProcessors(),
        "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        "java", System.getProperty("java.version"),
        "omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")),
        "peak_rss_mb", peakResidentMegabytes());
  }

  /** Linux VmHWM of this process (JVM heap plus native memory), or -1 elsewhere. */
  private static long peakResidentMegabytes() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
