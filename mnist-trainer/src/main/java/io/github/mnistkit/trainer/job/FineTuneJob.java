package io.github.mnistkit.trainer.job;

import com.google.gson.GsonBuilder;
import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.ImageFolder;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import io.github.mnistkit.trainer.onnx.Parity;
import io.github.mnistkit.trainer.report.HtmlReport;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.LearningRateSchedule;
import io.github.mnistkit.trainer.train.OptimizerKind;
import io.github.mnistkit.trainer.train.TrainedModel;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tunes a trained model on a user's own digit images: loads the base checkpoint, preprocesses
 * the folder with the SDK's pipeline, holds out a stratified share, trains with MNIST replay, and
 * writes model.onnx / checkpoint.params / report.json only when the held-out accuracy improved (or
 * when forced). The base checkpoint is never touched.
 */
public final class FineTuneJob {
  private final FineTuneConfig config;
  private final Path outputDirectory;
  private final TrainingListener listener;
  private final IdxDataset mnistTrain;
  private final IdxDataset mnistTest;

  /**
   * @param mnistTrain replay images (may be null: replay is then off)
   * @param mnistTest the general test set measured before and after (may be null: not measured)
   */
  public FineTuneJob(FineTuneConfig config, Path outputDirectory, TrainingListener listener,
      IdxDataset mnistTrain, IdxDataset mnistTest) {
    this.config = config;
    this.outputDirectory = outputDirectory;
    this.listener = listener;
    this.mnistTrain = mnistTrain;
    this.mnistTest = mnistTest;
  }

  /**
   * What fine-tuning achieved. Accuracies are fractions; MNIST figures are NaN when no MNIST test set
   * was given.
   */
  public record Outcome(Path model, Path checkpoint, Path report, boolean written, int userTrainImages,
      int userValidationImages, double baseUserAccuracy, double tunedUserAccuracy,
      double baseMnistAccuracy, double tunedMnistAccuracy, List<String> skippedFiles, List<String> warnings) {}

  public Outcome run() {
    Path checkpoint = outputDirectory.resolve(TrainingJob.CHECKPOINT_FILE);
    Path model = outputDirectory.resolve(TrainingJob.MODEL_FILE);
    Path report = outputDirectory.resolve(TrainingJob.REPORT_FILE);
    if (sameFile(checkpoint, config.baseCheckpoint())) {
      throw new IllegalArgumentException("The output folder " + outputDirectory + " holds the base checkpoint;"
          + " fine-tuning never overwrites its base. Choose another output folder.");
    }
    ImageFolder.Scan scan = ImageFolder.scan(config.imageFolder(), 2);
    scan.warnings().forEach(w -> listener.onMessage("warning: " + w));
    ImageFolder.Loaded loaded = ImageFolder.load(scan, config.maxUnreadableShare());
    loaded.skipped().forEach(s -> listener.onMessage("skipped: " + s));
    IdxDataset[] split = stratifiedSplit(loaded.images(), config.validationFraction(), new Random(config.seed()));
    IdxDataset userTrain = split[0];
    IdxDataset userValidation = split[1];
    if (userTrain.size() < 2 || userValidation.size() < 1) {
      throw new InvalidDataException(config.imageFolder() + " gives only " + loaded.images().size()
          + " usable images; fine-tuning needs at least 2 per digit folder to train on and hold out.");
    }

    Checkpoint.Loaded base = Checkpoint.read(config.baseCheckpoint());
    TrainedModel tuned = base.model();
    double baseUser = tuned.accuracy(userValidation);
    double baseMnist = mnistTest == null ? Double.NaN : tuned.accuracy(mnistTest);
    listener.onMessage(String.format(Locale.ROOT, "Base model (%s): %.2f%% on %d held-out images of %s%s",
        tuned.architecture(), 100 * baseUser, userValidation.size(), config.imageFolder(),
        mnistTest == null ? "" : String.format(Locale.ROOT, ", %.2f%% on the MNIST test set", 100 * baseMnist)));

    TrainingConfig training = TrainingConfig.builder(tuned.architecture())
        .optimizer(OptimizerKind.ADAM).learningRate(config.learningRate())
        .schedule(LearningRateSchedule.COSINE).epochs(config.epochs()).batchSize(config.batchSize())
        .seed(config.seed()).augment(config.augment()).validationFraction(0).build();
    float replay = mnistTrain == null ? 0f : config.replayFraction();
    try (TrainingResult result = new DigitTrainer(training, listener, null).fineTune(tuned, userTrain,
        userValidation, userValidation, mnistTrain, replay, config.freezeFeatures(), "folder " + config.imageFolder())) {
      double tunedUser = result.testAccuracy();
      double tunedMnist = mnistTest == null ? Double.NaN : result.model().accuracy(mnistTest);
      listener.onMessage(String.format(Locale.ROOT, "Fine-tuned: %.2f%% on the held-out images (was %.2f%%)%s",
          100 * tunedUser, 100 * baseUser, mnistTest == null ? ""
              : String.format(Locale.ROOT, ", %.2f%% on the MNIST test set (was %.2f%%)", 100 * tunedMnist, 100 * baseMnist)));
      boolean better = tunedUser > baseUser;
      if (!better && !config.force()) {
        listener.onMessage("The fine-tuned model is not better on the held-out images; nothing was written."
            + " Add more images, train longer, or force writing it.");
        return new Outcome(model, checkpoint, report, false, userTrain.size(), userValidation.size(), baseUser,
            tunedUser, baseMnist, tunedMnist, loaded.skipped(), loaded.warnings());
      }
      Checkpoint.write(checkpoint, result.model(), Map.of("dataset", "finetuned", "base", config.baseCheckpoint().toString()));
      IdxDataset verification = mnistTest != null ? userValidation.concat(mnistTest.head(256)) : userValidation.concat(userTrain);
      Parity parity = OnnxExporter.export(result.model(), metadata(result, tunedUser, userValidation.size()), model, verification);
      listener.onMessage(parity.toString());
      Outcome outcome = new Outcome(model, checkpoint, report, true, userTrain.size(), userValidation.size(),
          baseUser, tunedUser, baseMnist, tunedMnist, loaded.skipped(), loaded.warnings());
      AtomicFiles.writeString(report, reportJson(outcome, result, parity));
      htmlReport(outcome, result, parity, userValidation).write(outputDirectory.resolve(HtmlReport.FILE));
      return outcome;
    }
  }

  private Map<String, String> metadata(TrainingResult result, double userAccuracy, int userImages) {
    return TrainingJob.metadata(result.model().architecture(),
        "mnist fine-tuned on " + config.imageFolder().getFileName(), userAccuracy, userImages,
        config.epochs(), config.toString());
  }

  private String reportJson(Outcome outcome, TrainingResult result, Parity parity) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "finetune");
    json.put("architecture", result.model().architecture().id());
    json.put("base_checkpoint", config.baseCheckpoint().toString());
    json.put("image_folder", config.imageFolder().toString());
    json.put("trainer_version", TrainerVersion.get());
    json.put("finished", Instant.now().toString());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("epochs", config.epochs());
    settings.put("learning_rate", config.learningRate());
    settings.put("batch_size", config.batchSize());
    settings.put("freeze_features", config.freezeFeatures());
    settings.put("validation_fraction", config.validationFraction());
    settings.put("replay_fraction", mnistTrain == null ? 0 : config.replayFraction());
    settings.put("augment", config.augment());
    settings.put("seed", config.seed());
    json.put("config", settings);
    json.put("user_images", Map.of("train", outcome.userTrainImages(), "validation", outcome.userValidationImages(),
        "skipped", outcome.skippedFiles().size()));
    json.put("before", Map.of("user_accuracy", outcome.baseUserAccuracy(), "mnist_test_accuracy", outcome.baseMnistAccuracy()));
    json.put("after", Map.of("user_accuracy", outcome.tunedUserAccuracy(), "mnist_test_accuracy", outcome.tunedMnistAccuracy()));
    json.put("epochs", result.history());
    json.put("best_epoch", result.bestEpoch());
    json.put("export", Map.of("parity_images", parity.images(),
        "max_abs_probability_difference", parity.maxProbabilityDifference(),
        "argmax_mismatches", parity.argmaxMismatches()));
    json.put("warnings", outcome.warnings());
    json.put("skipped_files", outcome.skippedFiles());
    return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json);
  }

  private HtmlReport htmlReport(Outcome outcome, TrainingResult result, Parity parity, IdxDataset userValidation) {
    String architecture = result.model().architecture().id();
    Evaluation heldOut = Evaluation.of(architecture, "Held-out images of " + config.imageFolder().getFileName(),
        userValidation, result.testProbabilities()); // fineTune's test set is the held-out images
    return HtmlReport.builder("Fine-tuning report: " + architecture + " on " + config.imageFolder().getFileName())
        .fact("Architecture", architecture)
        .fact("Base checkpoint", config.baseCheckpoint().toString())
        .fact("Image folder", config.imageFolder().toString())
        .fact("Images (train / held out / skipped)", outcome.userTrainImages() + " / "
            + outcome.userValidationImages() + " / " + outcome.skippedFiles().size())
        .fact("Epochs", Integer.toString(result.history().size()))
        .fact("Best epoch", Integer.toString(result.bestEpoch()))
        .fact("ONNX export parity", (parity.holds() ? "holds: " : "FAILS: ") + parity)
        .comparison("Accuracy on held-out images", HtmlReport.percent(outcome.baseUserAccuracy()),
            HtmlReport.percent(outcome.tunedUserAccuracy()))
        .comparison("Accuracy on the MNIST test set", HtmlReport.percent(outcome.baseMnistAccuracy()),
            HtmlReport.percent(outcome.tunedMnistAccuracy()))
        .history(result.history())
        .evaluation(heldOut)
        .build();
  }

  /** Holds out {@code fraction} of each digit's images (at least one where a digit has two or more). */
  static IdxDataset[] stratifiedSplit(IdxDataset data, float fraction, Random random) {
    List<Integer> train = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    for (int digit = 0; digit < 10; digit++) {
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        if (data.label(i) == digit) {
          indices.add(i);
        }
      }
      java.util.Collections.shuffle(indices, random);
      int held = indices.size() < 2 ? 0 : Math.max(1, Math.round(indices.size() * fraction));
      validation.addAll(indices.subList(0, held));
      train.addAll(indices.subList(held, indices.size()));
    }
    return new IdxDataset[] {
        data.select(train.stream().mapToInt(Integer::intValue).toArray()),
        data.select(validation.stream().mapToInt(Integer::intValue).toArray())};
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
