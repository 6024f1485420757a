package io.github.mnistkit.trainer.job;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.ImageFolder;
import io.github.mnistkit.trainer.data.StratifiedSplit;
import io.github.mnistkit.trainer.eval.PairedComparison;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.onnx.Int8Check;
import io.github.mnistkit.trainer.onnx.Int8Exporter;
import io.github.mnistkit.trainer.onnx.OnnxExporter;
import io.github.mnistkit.trainer.onnx.Parity;
import io.github.mnistkit.trainer.report.HtmlReport;
import io.github.mnistkit.trainer.stats.Proportion;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fine-tunes a trained model on a user's own digit images: loads the base checkpoint, preprocesses
 * the folder with the SDK's pipeline and splits it, stratified, into three disjoint parts:
 * training, validation (picks the best epoch) and test (judges before/after). Trains with MNIST
 * replay and writes model.onnx / checkpoint.params / report.json / report.html only when the
 * fine-tuned model is better than the base on the test images beyond noise (McNemar's exact test on
 * the images only one of them reads), or when forced. Folders too small for a test part of {@link
 * FineTuneConfig#minTestImages()} images are judged by k-fold cross-validation of the whole
 * procedure instead; the written model then trains on everything but its validation part. The base
 * checkpoint is never touched.
 */
public final class FineTuneJob {
  private final FineTuneConfig config;
  private final Path outputDirectory;
  private final TrainingListener listener;
  private final IdxDataset mnistTrain;
  private final IdxDataset mnistTest;
  private IdxDataset replayWithGenerated; // made once, for models that can refuse

  /**
   * @param mnistTrain replay images (may be null: replay is then off)
   * @param mnistTest the general test set measured before and after (may be null: not measured)
   */
  public FineTuneJob(
      FineTuneConfig config,
      Path outputDirectory,
      TrainingListener listener,
      IdxDataset mnistTrain,
      IdxDataset mnistTest) {
    this.config = config;
    this.outputDirectory = outputDirectory;
    this.listener = listener;
    this.mnistTrain = mnistTrain;
    this.mnistTest = mnistTest;
  }

  /** How many of the usable images a model trained on, picked its epoch on, and was tested on. */
  public record Parts(int train, int validation, int test) {
    public int total() {
      return train + validation + test;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d training, %d validation, %d test images (%d in all)",
          train,
          validation,
          test,
          total());
    }
  }

  /**
   * What fine-tuning achieved.
   *
   * @param parts the written (or not written) model's parts of the usable images; with
   *     cross-validation its test part is empty
   * @param folds the cross-validation folds' parts; empty when a held-out test part judged
   * @param userTest base and fine-tuned, image by image, on the test part or (cross-validation) on
   *     every usable image, each judged by the fold's model that did not see it
   * @param mnistTest base and fine-tuned on the MNIST test set; null when none was given
   */
  public record Outcome(
      Path model,
      Path checkpoint,
      Path report,
      boolean written,
      int usableImages,
      Parts parts,
      List<Parts> folds,
      PairedComparison userTest,
      PairedComparison mnistTest,
      double alpha,
      List<String> skippedFiles,
      List<String> warnings) {
    public Outcome {
      folds = List.copyOf(folds);
      skippedFiles = List.copyOf(skippedFiles);
      warnings = List.copyOf(warnings);
    }

    public int userTrainImages() {
      return parts.train();
    }

    public int userValidationImages() {
      return parts.validation();
    }

    /** The images the before/after figures are measured on. */
    public int userTestImages() {
      return userTest.images();
    }

    public boolean crossValidated() {
      return !folds.isEmpty();
    }

    /** Better than the base beyond noise on the user's test images. */
    public boolean better() {
      return userTest.better(alpha);
    }

    public double baseUserAccuracy() {
      return userTest.before().value();
    }

    public double tunedUserAccuracy() {
      return userTest.after().value();
    }

    /** NaN when no MNIST test set was given. */
    public double baseMnistAccuracy() {
      return mnistTest == null ? Double.NaN : mnistTest.before().value();
    }

    /** NaN when no MNIST test set was given. */
    public double tunedMnistAccuracy() {
      return mnistTest == null ? Double.NaN : mnistTest.after().value();
    }

    /**
     * Where the user figures come from: "the 120 test images" or "all 100 images (5-fold
     * cross-validation)".
     */
    public String testedOn() {
      return crossValidated()
          ? String.format(
              Locale.ROOT,
              "all %d images (%d-fold cross-validation)",
              userTest.images(),
              folds.size())
          : String.format(Locale.ROOT, "the %d test images", userTest.images());
    }

    /** One line: before → after on the user's images and on MNIST, and the paired test. */
    public String summary() {
      String mnist =
          mnistTest == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; MNIST test set %s → %s on %d images",
                  mnistTest.before().withInterval(),
                  mnistTest.after().withInterval(),
                  mnistTest.images());
      return String.format(
          Locale.ROOT,
          "%s → %s on %s, %s%s",
          userTest.before().withInterval(),
          userTest.after().withInterval(),
          testedOn(),
          userTest.discordance(),
          mnist);
    }
  }

  /**
   * The tested images with the fine-tuned model's probabilities, the final model and the user
   * images it trained on.
   */
  private record Assessment(
      IdxDataset images,
      float[] baseProbabilities,
      float[] tunedProbabilities,
      List<Parts> folds,
      Parts parts,
      TrainingResult result,
      IdxDataset trainImages) {}

  public Outcome run() {
    Path checkpoint = outputDirectory.resolve(TrainingJob.CHECKPOINT_FILE);
    Path model = outputDirectory.resolve(TrainingJob.MODEL_FILE);
    Path report = outputDirectory.resolve(TrainingJob.REPORT_FILE);
    if (sameFile(checkpoint, config.baseCheckpoint())) {
      throw new IllegalArgumentException(
          "The output folder "
              + outputDirectory
              + " holds the base checkpoint;"
              + " fine-tuning never overwrites its base. Choose another output folder.");
    }
    ImageFolder.Scan scan = ImageFolder.scan(config.imageFolder(), 2);
    scan.warnings().forEach(w -> listener.onMessage("warning: " + w));
    ImageFolder.Loaded loaded = ImageFolder.load(scan, config.maxUnreadableShare());
    loaded.skipped().forEach(s -> listener.onMessage("skipped: " + s));
    IdxDataset images = loaded.images();
    boolean crossValidate = images.size() < config.minImagesForTestPart();
    requireEnough(images, crossValidate);

    float[] baseMnist;
    String architecture;
    try (Checkpoint.Loaded base = Checkpoint.read(config.baseCheckpoint())) {
      architecture = base.model().architecture().id();
      baseMnist = mnistTest == null ? null : base.model().probabilities(mnistTest);
    }
    String skipped =
        loaded.skipped().isEmpty() ? "" : ", " + loaded.skipped().size() + " files skipped";
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "%d usable images in %s%s; base model %s%s",
            images.size(),
            config.imageFolder(),
            skipped,
            architecture,
            mnistTest == null
                ? ""
                : ": " + proportion(mnistTest, baseMnist) + " of the MNIST test set"));
    Assessment assessment = crossValidate ? crossValidate(images) : holdOutTest(images);
    try (TrainingResult result = assessment.result()) {
      PairedComparison userTest =
          PairedComparison.of(
              assessment.images(), assessment.baseProbabilities(), assessment.tunedProbabilities());
      PairedComparison mnist =
          mnistTest == null
              ? null
              : PairedComparison.of(mnistTest, baseMnist, result.model().probabilities(mnistTest));
      Outcome outcome =
          new Outcome(
              model,
              checkpoint,
              report,
              false,
              images.size(),
              assessment.parts(),
              assessment.folds(),
              userTest,
              mnist,
              config.alpha(),
              loaded.skipped(),
              loaded.warnings());
      listener.onMessage("Base → fine-tuned: " + outcome.summary());
      if (!outcome.better() && !config.force()) {
        listener.onMessage(
            notBetter(outcome)
                + " Nothing was written. Add images, or set force to write it anyway.");
        return outcome;
      }
      listener.onMessage(
          outcome.better()
              ? String.format(
                  Locale.ROOT,
                  "Better beyond noise (McNemar one-sided p < %s): writing it.",
                  config.alpha())
              : notBetter(outcome) + " Writing it anyway: forced.");
      Outcome written =
          new Outcome(
              model,
              checkpoint,
              report,
              true,
              outcome.usableImages(),
              outcome.parts(),
              outcome.folds(),
              userTest,
              mnist,
              outcome.alpha(),
              outcome.skippedFiles(),
              outcome.warnings());
      write(written, result, assessment, images);
      return written;
    }
  }

  private void requireEnough(IdxDataset images, boolean crossValidate) {
    int needed = crossValidate ? 2 * config.folds() : 3;
    if (images.size() < needed) {
      throw new InvalidDataException(
          config.imageFolder()
              + " gives only "
              + images.size()
              + " usable images;"
              + " fine-tuning needs at least "
              + needed
              + " ("
              + config.folds()
              + "-fold cross-validation judges"
              + " folders of fewer than "
              + config.minImagesForTestPart()
              + " images). Add images to the digit folders.");
    }
  }

  /** Large folders: one stratified test part judges the model trained on the other images. */
  private Assessment holdOutTest(IdxDataset images) {
    int[][] indices = heldOutParts(images, config);
    IdxDataset test = images.select(indices[2]);
    Parts parts = parts(images, indices);
    listener.onMessage(
        "Split (stratified, seed "
            + config.seed()
            + "): "
            + parts
            + "; validation picks the"
            + " best epoch, test judges before/after and whether the model is written.");
    float[] base = baseProbabilities(test);
    TrainingResult result = fineTune(images, indices, "folder " + config.imageFolder());
    return new Assessment(
        test,
        base,
        result.testProbabilities(),
        List.of(),
        parts,
        result,
        images.select(indices[0]));
  }

  /**
   * Small folders: every image is tested once, by the model fine-tuned (with the same procedure) on
   * the other folds; the final model then trains on everything but its validation part.
   */
  private Assessment crossValidate(IdxDataset images) {
    int k = config.folds();
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "%d images are fewer than %d (a %.0f%% test part would hold"
                + " fewer than %d): %d-fold cross-validation judges the fine-tuning on all of them, then the final"
                + " model trains on everything but its validation part.",
            images.size(),
            config.minImagesForTestPart(),
            100 * config.testFraction(),
            config.minTestImages(),
            k));
    int[][] folds = StratifiedSplit.folds(images, k, config.seed());
    float[] base = baseProbabilities(images);
    int columns = TrainedModel.COLUMNS;
    float[] tuned = new float[images.size() * columns];
    List<Parts> foldParts = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      int[][] indices = foldParts(images, folds, f, config);
      Parts parts = parts(images, indices);
      foldParts.add(parts);
      listener.onMessage(
          String.format(
              Locale.ROOT,
              "Fold %d of %d (stratified, seed %d): %s",
              f + 1,
              k,
              config.seed(),
              parts));
      try (TrainingResult result =
          fineTune(
              images,
              indices,
              String.format(
                  Locale.ROOT, "folder %s, fold %d of %d", config.imageFolder(), f + 1, k))) {
        float[] probabilities = result.testProbabilities();
        for (int i = 0; i < folds[f].length; i++) {
          System.arraycopy(probabilities, i * columns, tuned, folds[f][i] * columns, columns);
        }
      }
    }
    int[][] indices =
        withValidation(
            images, StratifiedSplit.complement(images.size(), new int[0]), new int[0], config);
    Parts parts = parts(images, indices);
    listener.onMessage("Final model: " + parts + "; judged by the cross-validation above.");
    TrainingResult result =
        fineTune(images, indices, "folder " + config.imageFolder() + ", final model");
    return new Assessment(images, base, tuned, foldParts, parts, result, images.select(indices[0]));
  }

  /** {training, validation, test} indices into {@code images} when a held-out test part judges. */
  static int[][] heldOutParts(IdxDataset images, FineTuneConfig config) {
    int[][] outer = StratifiedSplit.indices(images, config.seed(), config.testFraction());
    return withValidation(images, outer[0], outer[1], config);
  }

  /**
   * {training, validation, test} indices into {@code images} of cross-validation fold {@code fold}.
   */
  static int[][] foldParts(IdxDataset images, int[][] folds, int fold, FineTuneConfig config) {
    return withValidation(
        images, StratifiedSplit.complement(images.size(), folds[fold]), folds[fold], config);
  }

  /**
   * {training, validation, test}: a stratified {@link FineTuneConfig#validationFraction()} of
   * {@code rest} validates.
   */
  private static int[][] withValidation(
      IdxDataset images, int[] rest, int[] test, FineTuneConfig config) {
    int[][] inner =
        StratifiedSplit.indices(images.select(rest), config.seed(), config.validationFraction());
    int[] train = java.util.Arrays.stream(inner[0]).map(i -> rest[i]).toArray();
    int[] validation = java.util.Arrays.stream(inner[1]).map(i -> rest[i]).toArray();
    if (train.length < 2 || validation.length < 1) {
      throw new InvalidDataException(
          config.imageFolder()
              + ": of "
              + rest.length
              + " images no validation part"
              + " can be held out; fine-tuning needs at least 2 images of some digit to train on and hold out"
              + " (at least 3 with a test part). Add images to the digit folders.");
    }
    return new int[][] {train, validation, test};
  }

  private static Parts parts(IdxDataset images, int[][] indices) {
    return new Parts(indices[0].length, indices[1].length, indices[2].length);
  }

  private float[] baseProbabilities(IdxDataset images) {
    try (Checkpoint.Loaded base = Checkpoint.read(config.baseCheckpoint())) {
      return base.model().probabilities(images);
    }
  }

  /**
   * Fine-tunes a fresh copy of the base model on the {training, validation, test} parts of {@code
   * images}.
   */
  private TrainingResult fineTune(IdxDataset images, int[][] parts, String name) {
    TrainedModel base = Checkpoint.read(config.baseCheckpoint()).model(); // fineTune owns it
    TrainingConfig training =
        TrainingConfig.builder(base.architecture())
            .optimizer(OptimizerKind.ADAM)
            .learningRate(config.learningRate())
            .schedule(LearningRateSchedule.COSINE)
            .epochs(config.epochs())
            .batchSize(config.batchSize())
            .seed(config.seed())
            .augment(config.augment())
            .validationFraction(0)
            .notADigit(base.canRefuse())
            .build();
    float replay = mnistTrain == null ? 0f : config.replayFraction();
    return new DigitTrainer(training, listener, null)
        .fineTune(
            base,
            images.select(parts[0]),
            images.select(parts[1]),
            images.select(parts[2]),
            base.canRefuse() ? replayWithGenerated() : mnistTrain,
            replay,
            config.freezeFeatures(),
            name);
  }

  /**
   * MNIST training digits with the generated images a model that can refuse was trained on ("not a
   * digit" images and digits cut from rows), replayed so that it keeps that skill.
   */
  private IdxDataset replayWithGenerated() {
    if (replayWithGenerated == null && mnistTrain != null) {
      replayWithGenerated = DigitTrainer.withGenerated(mnistTrain, config.seed(), listener);
    }
    return replayWithGenerated;
  }

  private String notBetter(Outcome outcome) {
    PairedComparison test = outcome.userTest();
    return String.format(
        Locale.ROOT,
        "The fine-tuned model is not better beyond noise on %s: %s; better"
            + " needs more images gained than lost with p < %s.",
        outcome.testedOn(),
        test.discordance(),
        config.alpha());
  }

  private void write(
      Outcome outcome, TrainingResult result, Assessment assessment, IdxDataset images) {
    Checkpoint.write(
        outcome.checkpoint(),
        result.model(),
        Map.of("dataset", "finetuned", "base", config.baseCheckpoint().toString()));
    IdxDataset verification = images.head(Math.min(images.size(), 512));
    if (mnistTest != null) {
      verification = verification.concat(mnistTest.head(256));
    }
    Parity parity =
        OnnxExporter.export(
            result.model(),
            TrainingJob.metadata(
                result.model(),
                "mnist fine-tuned on " + config.imageFolder().getFileName(),
                outcome.tunedUserAccuracy(),
                outcome.userTestImages(),
                config.epochs(),
                config.toString()),
            outcome.model(),
            verification);
    listener.onMessage(parity.toString());
    if (config.int8()) {
      exportInt8(outcome.model(), assessment);
    }
    FineTuneReport reports =
        new FineTuneReport(config, mnistTrain != null, outcome, result, parity);
    AtomicFiles.writeString(outcome.report(), reports.json());
    reports
        .html(assessment.images(), assessment.tunedProbabilities())
        .write(outputDirectory.resolve(HtmlReport.FILE));
  }

  /**
   * Writes model-int8.onnx beside {@code model} when it passes the self-check: calibrated on all
   * the user's training images, topped up with MNIST training images to {@link
   * Int8Exporter#DEFAULT_CALIBRATION_IMAGES}, and checked on the user's tested images followed by
   * the MNIST test set (the check needs {@link Int8Check#MIN_IMAGES}; with fewer it is refused).
   */
  private void exportInt8(Path model, Assessment assessment) {
    IdxDataset calibration = assessment.trainImages();
    int topUp = Int8Exporter.DEFAULT_CALIBRATION_IMAGES - calibration.size();
    if (mnistTrain != null && topUp > 0) {
      calibration = calibration.concat(mnistTrain.head(Math.min(topUp, mnistTrain.size())));
    }
    IdxDataset check =
        mnistTest == null ? assessment.images() : assessment.images().concat(mnistTest);
    Int8Check result =
        Int8Exporter.exportBeside(model, new DigitData("fine-tuned", calibration, check));
    listener.onMessage(
        result.passes()
            ? "Wrote " + Int8Exporter.besidePath(model).getFileName() + ": " + result
            : "int8 copy not written: " + result);
  }

  private static Proportion proportion(IdxDataset images, float[] probabilities) {
    return PairedComparison.of(images, probabilities, probabilities).before();
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
