package io.github.mnistkit.trainer.job;

import com.google.gson.GsonBuilder;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.PairedComparison;
import io.github.mnistkit.trainer.onnx.Parity;
import io.github.mnistkit.trainer.report.HtmlReport;
import io.github.mnistkit.trainer.stats.Proportion;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** report.json and report.html of a fine-tuning run that wrote a model. */
final class FineTuneReport {
  private final FineTuneConfig config;
  private final boolean replay;
  private final FineTuneJob.Outcome outcome;
  private final TrainingResult result;
  private final Parity parity;

  FineTuneReport(
      FineTuneConfig config,
      boolean replay,
      FineTuneJob.Outcome outcome,
      TrainingResult result,
      Parity parity) {
    this.config = config;
    this.replay = replay;
    this.outcome = outcome;
    this.result = result;
    this.parity = parity;
  }

  String json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "finetune");
    json.put("architecture", result.model().architecture().id());
    json.put("base_checkpoint", config.baseCheckpoint().toString());
    json.put("image_folder", config.imageFolder().toString());
    json.put("trainer_version", TrainerVersion.get());
    json.put("finished", Instant.now().toString());
    json.put("config", settings());
    Map<String, Object> images = new LinkedHashMap<>();
    images.put("files", outcome.usableImages() + outcome.skippedFiles().size());
    images.put("skipped", outcome.skippedFiles().size());
    images.put("usable", outcome.usableImages());
    images.putAll(parts(outcome.parts()));
    json.put("user_images", images);
    json.put("assessment", assessment());
    json.put(
        "before",
        figures(
            outcome.userTest().before(),
            outcome.mnistTest() == null ? null : outcome.mnistTest().before()));
    json.put(
        "after",
        figures(
            outcome.userTest().after(),
            outcome.mnistTest() == null ? null : outcome.mnistTest().after()));
    json.put("comparison", comparison());
    json.put("epochs", result.history());
    json.put("best_epoch", result.bestEpoch());
    json.put(
        "export",
        Map.of(
            "parity_images",
            parity.images(),
            "max_abs_probability_difference",
            parity.maxProbabilityDifference(),
            "argmax_mismatches",
            parity.argmaxMismatches()));
    json.put("warnings", outcome.warnings());
    json.put("skipped_files", outcome.skippedFiles());
    return new GsonBuilder()
        .setPrettyPrinting()
        .serializeSpecialFloatingPointValues()
        .create()
        .toJson(json);
  }

  private Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("epochs", config.epochs());
    settings.put("learning_rate", config.learningRate());
    settings.put("batch_size", config.batchSize());
    settings.put("freeze_features", config.freezeFeatures());
    settings.put("test_fraction", config.testFraction());
    settings.put("validation_fraction", config.validationFraction());
    settings.put("folds", config.folds());
    settings.put("min_test_images", config.minTestImages());
    settings.put("alpha", config.alpha());
    settings.put("replay_fraction", replay ? config.replayFraction() : 0);
    settings.put("augment", config.augment());
    settings.put("seed", config.seed());
    settings.put("force", config.force());
    settings.put("int8", config.int8());
    return settings;
  }

  private static Map<String, Object> parts(FineTuneJob.Parts parts) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("train", parts.train());
    json.put("validation", parts.validation());
    json.put("test", parts.test());
    return json;
  }

  private Map<String, Object> assessment() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "method",
        outcome.crossValidated()
            ? outcome.folds().size() + "-fold cross-validation"
            : "held-out test part");
    json.put("images", outcome.userTestImages());
    if (outcome.crossValidated()) {
      json.put("folds", outcome.folds().stream().map(FineTuneReport::parts).toList());
    }
    return json;
  }

  private static Map<String, Object> figures(Proportion user, Proportion mnist) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("user_accuracy", user.value());
    json.put("user_accuracy_ci95", interval(user));
    json.put("user_correct", user.successes());
    json.put("user_images", user.trials());
    json.put("mnist_test_accuracy", mnist == null ? Double.NaN : mnist.value());
    json.put("mnist_test_accuracy_ci95", mnist == null ? List.of() : interval(mnist));
    json.put("mnist_test_images", mnist == null ? 0 : mnist.trials());
    return json;
  }

  private static List<Double> interval(Proportion proportion) {
    return List.of(proportion.low(), proportion.high());
  }

  private Map<String, Object> comparison() {
    PairedComparison test = outcome.userTest();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("images", test.images());
    json.put("both_right", test.bothRight());
    json.put("gained", test.gained());
    json.put("lost", test.lost());
    json.put("both_wrong", test.bothWrong());
    json.put("mcnemar_one_sided_p", test.pValue());
    json.put("alpha", outcome.alpha());
    json.put("better", outcome.better());
    json.put("written", outcome.written());
    json.put("forced", outcome.written() && !outcome.better());
    if (outcome.mnistTest() != null) {
      json.put("mnist_gained", outcome.mnistTest().gained());
      json.put("mnist_lost", outcome.mnistTest().lost());
    }
    return json;
  }

  /**
   * The report page; {@code tested} with the fine-tuned probabilities gives its evaluation section.
   */
  HtmlReport html(IdxDataset tested, float[] tunedProbabilities) {
    String architecture = result.model().architecture().id();
    String folder = config.imageFolder().getFileName().toString();
    Evaluation evaluation =
        Evaluation.of(
            architecture,
            (outcome.crossValidated()
                ? "every image of "
                    + folder
                    + ", each by the cross-validation fold's model that did not see it"
                : "the test images of " + folder),
            tested,
            tunedProbabilities);
    PairedComparison test = outcome.userTest();
    HtmlReport.Builder html =
        HtmlReport.builder("Fine-tuning report: " + architecture + " on " + folder)
            .fact("Architecture", architecture)
            .fact("Base checkpoint", config.baseCheckpoint().toString())
            .fact("Image folder", config.imageFolder().toString())
            .fact(
                "Images (train / validation / test, skipped)",
                outcome.userTrainImages()
                    + " / "
                    + outcome.userValidationImages()
                    + " / "
                    + outcome.parts().test()
                    + " of "
                    + outcome.usableImages()
                    + " usable, "
                    + outcome.skippedFiles().size()
                    + " skipped")
            .fact("Judged on", outcome.testedOn())
            .fact(
                "Paired test",
                test.discordance()
                    + (outcome.better()
                        ? ": better beyond noise"
                        : ": not better beyond noise, written because forced"))
            .fact("Epochs", Integer.toString(result.history().size()))
            .fact("Best epoch", Integer.toString(result.bestEpoch()))
            .fact("ONNX export parity", (parity.holds() ? "holds: " : "FAILS: ") + parity)
            .comparison(
                "Accuracy on " + outcome.testedOn() + " of " + folder,
                test.before().withInterval(),
                test.after().withInterval());
    if (outcome.mnistTest() != null) {
      html.comparison(
          "Accuracy on the MNIST test set (" + outcome.mnistTest().images() + " images)",
          outcome.mnistTest().before().withInterval(),
          outcome.mnistTest().after().withInterval());
    }
    return html.history(result.history()).evaluation(evaluation).build();
  }
}
