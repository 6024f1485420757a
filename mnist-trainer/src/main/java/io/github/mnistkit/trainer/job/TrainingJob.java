package io.github.mnistkit.trainer.job;

import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import io.github.mnistkit.trainer.onnx.Parity;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Train → checkpoint → verified ONNX export → report, into one output folder. The build-tool-agnostic
 * core behind the CLI and the {@code mnist:train} goal.
 */
public final class TrainingJob {
  public static final String MODEL_FILE = "model.onnx";
  public static final String CHECKPOINT_FILE = "checkpoint.params";
  public static final String REPORT_FILE = "report.json";

  private final TrainingConfig config;
  private final Path outputDirectory;
  private final TrainingListener listener;

  public TrainingJob(TrainingConfig config, Path outputDirectory, TrainingListener listener) {
    this.config = config;
    this.outputDirectory = outputDirectory;
    this.listener = listener;
  }

  /** What a finished job wrote and measured. */
  public record Outcome(Path model, Path checkpoint, Path report, double testAccuracy, Parity parity,
      int bestEpoch, double totalSeconds) {}

  public Outcome run(DigitData data) {
    Path model = outputDirectory.resolve(MODEL_FILE);
    Path checkpoint = outputDirectory.resolve(CHECKPOINT_FILE);
    Path report = outputDirectory.resolve(REPORT_FILE);
    try (TrainingResult result = new DigitTrainer(config, listener, checkpoint).train(data)) {
      Checkpoint.write(checkpoint, result.model(), Map.of(
          "dataset", data.name(), "test_accuracy", Double.toString(result.testAccuracy())));
      Parity parity = OnnxExporter.export(result.model(), metadata(result), model, data.test());
      listener.onMessage(parity.toString());
      AtomicFiles.writeString(report, TrainingReport.toJson(result, parity, size(model)));
      listener.onMessage("Wrote " + model + ", " + checkpoint + " and " + report);
      return new Outcome(model, checkpoint, report, result.testAccuracy(), parity, result.bestEpoch(),
          result.totalSeconds());
    }
  }

  static Map<String, String> metadata(TrainingResult result) {
    TrainingConfig config = result.config();
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelMetadata.ARCHITECTURE, config.architecture().id());
    metadata.put(ModelMetadata.DATASET, result.dataset());
    metadata.put(ModelMetadata.TEST_ACCURACY, String.format(Locale.ROOT, "%.4f", result.testAccuracy()));
    metadata.put(ModelMetadata.TEST_IMAGES, Integer.toString(result.testImages()));
    metadata.put(ModelMetadata.EPOCHS, Integer.toString(config.epochs()));
    metadata.put(ModelMetadata.TRAINER_VERSION, TrainerVersion.get());
    metadata.put(ModelMetadata.NORMALIZATION_MEAN, Float.toString(
        io.github.mnistkit.trainer.nn.Architecture.MNIST_MEAN));
    metadata.put(ModelMetadata.NORMALIZATION_STD, Float.toString(
        io.github.mnistkit.trainer.nn.Architecture.MNIST_STD));
    metadata.put(ModelMetadata.INPUT_FORMAT, ModelMetadata.INPUT_FORMAT_VALUE);
    metadata.put(ModelMetadata.TRAINING, TrainingReport.configJson(config).toString());
    return metadata;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
