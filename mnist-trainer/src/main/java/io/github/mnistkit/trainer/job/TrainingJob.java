package io.github.mnistkit.trainer.job;

import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.onnx.Int8Check;
import io.github.mnistkit.trainer.onnx.Int8Exporter;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import io.github.mnistkit.trainer.onnx.Parity;
import io.github.mnistkit.trainer.report.HtmlReport;
import io.github.mnistkit.trainer.report.TrainingReport;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainedModel;
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
 * Train → checkpoint → verified ONNX export → report (JSON, and HTML with charts), written into one
 * folder as they are made. {@link TrainingRun} runs it in a staging folder and publishes the files
 * together; use that where a killed run must not leave a mix of old and new files.
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
  public record Outcome(
      Path model,
      Path checkpoint,
      Path report,
      double testAccuracy,
      Parity parity,
      int bestEpoch,
      double totalSeconds) {
    /** The same outcome with its files in {@code directory} (where they were published). */
    public Outcome movedTo(Path directory) {
      return new Outcome(
          directory.resolve(model.getFileName()),
          directory.resolve(checkpoint.getFileName()),
          directory.resolve(report.getFileName()),
          testAccuracy,
          parity,
          bestEpoch,
          totalSeconds);
    }
  }

  public Outcome run(DigitData data) {
    Path model = outputDirectory.resolve(MODEL_FILE);
    Path checkpoint = outputDirectory.resolve(CHECKPOINT_FILE);
    Path report = outputDirectory.resolve(REPORT_FILE);
    try (TrainingResult result = new DigitTrainer(config, listener, checkpoint).train(data)) {
      Checkpoint.write(
          checkpoint,
          result.model(),
          Map.of("dataset", data.name(), "test_accuracy", Double.toString(result.testAccuracy())));
      Parity parity = OnnxExporter.export(result.model(), metadata(result), model, data.test());
      listener.onMessage(parity.toString());
      if (config.int8()) {
        exportInt8(model, data);
      }
      AtomicFiles.writeString(report, TrainingReport.toJson(result, parity, size(model)));
      htmlReport(result, parity, data).write(outputDirectory.resolve(HtmlReport.FILE));
      return new Outcome(
          model,
          checkpoint,
          report,
          result.testAccuracy(),
          parity,
          result.bestEpoch(),
          result.totalSeconds());
    }
  }

  private void exportInt8(Path model, DigitData data) {
    Int8Check check = Int8Exporter.exportBeside(model, data);
    listener.onMessage(
        check.passes()
            ? "Wrote " + Int8Exporter.besidePath(model).getFileName() + ": " + check
            : "int8 copy not written: " + check);
  }

  private static HtmlReport htmlReport(TrainingResult result, Parity parity, DigitData data) {
    TrainingConfig config = result.config();
    Evaluation test =
        Evaluation.of(
            config.architecture().id(),
            result.dataset() + " test set",
            data.test(),
            result.testProbabilities());
    return HtmlReport.builder(
            "Training report: " + config.architecture().id() + " on " + result.dataset())
        .fact("Architecture", config.architecture().id())
        .fact("Dataset", result.dataset())
        .fact(
            "Images (train / validation / test)",
            result.trainImages() + " / " + result.validationImages() + " / " + result.testImages())
        .fact("Epochs", Integer.toString(result.history().size()))
        .fact("Best epoch", Integer.toString(result.bestEpoch()))
        .fact("Test accuracy", String.format(Locale.ROOT, "%.2f%%", 100 * result.testAccuracy()))
        .fact(
            "Seconds per epoch",
            String.format(
                Locale.ROOT,
                "%.1f",
                result.history().stream()
                    .mapToDouble(e -> e.seconds())
                    .average()
                    .orElse(Double.NaN)))
        .fact("ONNX export parity", (parity.holds() ? "holds: " : "FAILS: ") + parity)
        .fact("Trainer version", TrainerVersion.get())
        .history(result.history())
        .evaluation(test)
        .build();
  }

  static Map<String, String> metadata(TrainingResult result) {
    TrainingConfig config = result.config();
    return metadata(
        result.model(),
        result.dataset(),
        result.testAccuracy(),
        result.testImages(),
        config.epochs(),
        TrainingReport.configJson(config).toString());
  }

  /**
   * The metadata properties every exported model carries (keys in the SDK's {@link ModelMetadata}).
   */
  public static Map<String, String> metadata(
      TrainedModel model,
      String dataset,
      double testAccuracy,
      int testImages,
      int epochs,
      String training) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelMetadata.ARCHITECTURE, model.architecture().id());

    metadata.put(ModelMetadata.DATASET, dataset);
    metadata.put(ModelMetadata.TEST_ACCURACY, String.format(Locale.ROOT, "%.4f", testAccuracy));
    metadata.put(ModelMetadata.TEST_IMAGES, Integer.toString(testImages));
    metadata.put(ModelMetadata.EPOCHS, Integer.toString(epochs));
    metadata.put(ModelMetadata.TRAINER_VERSION, TrainerVersion.get());
    metadata.put(
        ModelMetadata.NORMALIZATION_MEAN,
        Float.toString(io.github.mnistkit.trainer.nn.Architecture.MNIST_MEAN));
    metadata.put(
        ModelMetadata.NORMALIZATION_STD,
        Float.toString(io.github.mnistkit.trainer.nn.Architecture.MNIST_STD));
    metadata.put(ModelMetadata.INPUT_FORMAT, ModelMetadata.INPUT_FORMAT_VALUE);
    metadata.put(ModelMetadata.TRAINING, training);
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
