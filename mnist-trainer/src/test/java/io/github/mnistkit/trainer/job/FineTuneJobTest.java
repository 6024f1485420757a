package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.Precision;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.ImageFolder;
import io.github.mnistkit.trainer.data.PrintedDigits;
import io.github.mnistkit.trainer.data.StratifiedSplit;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.onnx.Int8Exporter;
import io.github.mnistkit.trainer.stats.Proportion;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning an MNIST model (trained here on the fixture) on generated printed digits. */
class FineTuneJobTest {
  /** Settings under which fine-tuning on 60 printed digits gains a little, within noise. */
  static final int GAIN_EPOCHS = 1;

  static final float GAIN_RATE = 1.5e-4f;

  @TempDir static Path shared;
  static Path base;
  static Path printed;
  static DigitData mnist;

  @TempDir Path dir;

  @BeforeAll
  static void trainBaseAndGenerateFolder() {
    mnist = Fixture.load();
    base = shared.resolve("base/checkpoint.params");
    // a digit-only base, as these figures were measured with; FineTuneNonDigitTest covers the other
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(3).notADigit(false).build();
    try (TrainingResult result =
        new DigitTrainer(config, TrainingListener.SILENT, null).train(mnist)) {
      Checkpoint.write(base, result.model(), Map.of("dataset", "mnist-fixture"));
    }
    printed = shared.resolve("printed");
    PrintedDigits.generate(printed, 40, 11);
  }

  private FineTuneJob job(FineTuneConfig config, Path output, List<String> log) {
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            log.add(message);
          }
        };
    return new FineTuneJob(config, output, listener, mnist.train(), mnist.test());
  }

  @Test
  void printedDigitAccuracyRisesOnDisjointTestImagesAndMnistIsKept() throws Exception {
    byte[] baseBytes = Files.readAllBytes(base);
    List<String> log = new ArrayList<>();
    // 400 images: with a test part of at least 80 images (20%) no cross-validation is needed
    FineTuneConfig config =
        FineTuneConfig.builder(base, printed).epochs(6).minTestImages(80).build();
    FineTuneJob.Outcome outcome = job(config, dir, log).run();
    System.out.println("printed digits, held-out test part: " + outcome.summary());
    assertTrue(outcome.written() && outcome.better(), outcome.toString());
    assertFalse(outcome.crossValidated());
    assertTrue(
        outcome.tunedUserAccuracy() >= outcome.baseUserAccuracy() + 0.15,
        "test accuracy on printed digits should rise substantially: " + outcome);
    assertTrue(outcome.tunedUserAccuracy() >= 0.9, outcome.toString());
    assertTrue(
        outcome.tunedMnistAccuracy() >= outcome.baseMnistAccuracy() - 0.02, outcome.toString());
    // three disjoint parts that add up to the folder; the fine-tune measured on the test part, not
    // on validation
    assertEquals(new FineTuneJob.Parts(240, 80, 80), outcome.parts());
    assertEquals(80, outcome.userTestImages());
    assertTrue(
        log.contains(
            "Split (stratified, seed 42): 240 training, 80 validation, 80 test images (400 in all);"
                + " validation picks the best epoch, test judges before/after and whether the model is written."),
        log.toString());
    assertTrue(
        log.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "Training cnn (10 classes) on folder "
                            + printed
                            + ": 240 training, 80 validation, 80 test images;")),
        log.toString());
    assertTrue(Files.exists(outcome.model()) && Files.exists(outcome.report()));
    assertInt8CopyWritten(outcome, log, 80 + mnist.test().size());
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(
        html.contains("Before and after")
            && html.contains(outcome.userTest().after().withInterval()),
        html);
    for (String png :
        new String[] {"loss.png", "accuracy.png", "confusion.png", "misclassified.png"}) {
      assertTrue(html.contains("src=\"" + png + "\"") && Files.size(dir.resolve(png)) > 1000, png);
    }
    assertArrayEquals(baseBytes, Files.readAllBytes(base), "the base checkpoint is never modified");
  }

  /** The int8 copy beside the model, checked on the user's test images and the MNIST test set. */
  private static void assertInt8CopyWritten(
      FineTuneJob.Outcome outcome, List<String> log, int checkImages) {
    Path int8 = Int8Exporter.besidePath(outcome.model());
    assertTrue(
        log.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "Wrote model-int8.onnx: int8 vs fp32 on " + checkImages + " test images")),
        log.toString());
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(int8).build()) {
      assertEquals(Precision.INT8, recognizer.modelInfo().precision());
      assertEquals(
          Integer.toString(checkImages),
          recognizer.modelInfo().metadata().get(ModelMetadata.TEST_IMAGES));
    }
  }

  @Test
  void trainValidationAndTestPartsAreDisjointCoverTheImagesAndAreStratified() {
    IdxDataset images = ImageFolder.load(ImageFolder.scan(printed, 2), 0.2).images();
    FineTuneConfig config = FineTuneConfig.builder(base, printed).build();
    assertParts(images, FineTuneJob.heldOutParts(images, config), 0.2);
    int[][] folds = StratifiedSplit.folds(images, config.folds(), config.seed());
    for (int f = 0; f < folds.length; f++) {
      assertParts(images, FineTuneJob.foldParts(images, folds, f, config), 1.0 / config.folds());
    }
  }

  /**
   * {train, validation, test}: disjoint, together every image, each digit's share in test and
   * validation.
   */
  private static void assertParts(IdxDataset images, int[][] parts, double testShare) {
    assertEquals(3, parts.length);
    Set<Integer> validation = Arrays.stream(parts[1]).boxed().collect(Collectors.toSet());
    assertTrue(
        Arrays.stream(parts[2]).noneMatch(validation::contains),
        "validation and test are disjoint");
    int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
    assertArrayEquals(
        IntStream.range(0, images.size()).toArray(),
        all,
        "the parts are disjoint and cover the folder");
    int[] perDigit = images.labelCounts();
    int[] test = images.select(parts[2]).labelCounts();
    int[] validating = images.select(parts[1]).labelCounts();
    for (int d = 0; d < 10; d++) {
      assertEquals(perDigit[d] * testShare, test[d], 1.0, "test images of digit " + d);
      assertEquals(
          (perDigit[d] - test[d]) * 0.25, validating[d], 1.0, "validation images of digit " + d);
    }
  }

  @Test
  void aSmallFolderIsCrossValidatedAndTheReportCarriesCountsAndIntervals() throws Exception {
    Path small = dir.resolve("small");
    PrintedDigits.generate(small, 10, 5);
    List<String> log = new ArrayList<>();
    FineTuneJob.Outcome outcome =
        job(FineTuneConfig.builder(base, small).epochs(4).build(), dir.resolve("out"), log).run();
    System.out.println("printed digits, 10 per digit, cross-validated: " + outcome.summary());
    assertTrue(outcome.crossValidated() && outcome.written(), outcome.toString());
    assertEquals(5, outcome.folds().size());
    outcome.folds().forEach(parts -> assertEquals(100, parts.total(), parts.toString()));
    assertEquals(new FineTuneJob.Parts(70, 30, 0), outcome.parts());
    assertEquals(
        100,
        outcome.userTestImages(),
        "every image is tested once, by a model that did not see it");
    assertTrue(
        log.contains(
            "Fold 1 of 5 (stratified, seed 42): 60 training, 20 validation, 20 test images (100 in all)"),
        log.toString());
    assertTrue(
        log.contains(
            "Final model: 70 training, 30 validation, 0 test images (100 in all); judged by the"
                + " cross-validation above."),
        log.toString());

    JsonObject report =
        JsonParser.parseString(Files.readString(outcome.report())).getAsJsonObject();
    JsonObject counts = report.getAsJsonObject("user_images");
    assertEquals(100, counts.get("usable").getAsInt());
    assertEquals(
        100,
        counts.get("train").getAsInt()
            + counts.get("validation").getAsInt()
            + counts.get("test").getAsInt());
    JsonObject assessment = report.getAsJsonObject("assessment");
    assertEquals("5-fold cross-validation", assessment.get("method").getAsString());
    assertEquals(100, assessment.get("images").getAsInt());
    for (var fold : assessment.getAsJsonArray("folds")) {
      JsonObject parts = fold.getAsJsonObject();
      assertEquals(
          100,
          parts.get("train").getAsInt()
              + parts.get("validation").getAsInt()
              + parts.get("test").getAsInt());
    }
    for (String when : new String[] {"before", "after"}) {
      JsonObject figures = report.getAsJsonObject(when);
      Proportion user =
          when.equals("before") ? outcome.userTest().before() : outcome.userTest().after();
      assertEquals(user.value(), figures.get("user_accuracy").getAsDouble(), 1e-12);
      assertEquals(user.successes(), figures.get("user_correct").getAsInt());
      assertEquals(100, figures.get("user_images").getAsInt());
      assertEquals(
          user.low(), figures.getAsJsonArray("user_accuracy_ci95").get(0).getAsDouble(), 1e-12);
      assertEquals(
          user.high(), figures.getAsJsonArray("user_accuracy_ci95").get(1).getAsDouble(), 1e-12);
      assertEquals(2, figures.getAsJsonArray("mnist_test_accuracy_ci95").size());
      assertEquals(mnist.test().size(), figures.get("mnist_test_images").getAsInt());
    }
    JsonObject comparison = report.getAsJsonObject("comparison");
    assertEquals(outcome.userTest().gained(), comparison.get("gained").getAsInt());
    assertEquals(
        outcome.userTest().pValue(), comparison.get("mcnemar_one_sided_p").getAsDouble(), 1e-12);
    assertTrue(comparison.get("better").getAsBoolean() && !comparison.get("forced").getAsBoolean());
  }

  @Test
  void aGainWithinNoiseIsNotWrittenUnlessForced() throws Exception {
    // 6 printed digits per digit; a short, gentle fine-tune reads a few more of them, too few to
    // tell from noise
    Path folder = dir.resolve("few");
    PrintedDigits.generate(folder, 6, 5);
    FineTuneConfig.Builder config =
        FineTuneConfig.builder(base, folder).epochs(GAIN_EPOCHS).learningRate(GAIN_RATE);
    List<String> log = new ArrayList<>();
    FineTuneJob.Outcome outcome = job(config.build(), dir.resolve("out"), log).run();
    System.out.println("printed digits, 6 per digit, gentle fine-tune: " + outcome.summary());
    assertTrue(
        outcome.userTest().gained() > outcome.userTest().lost(),
        "a small gain: " + outcome.summary());
    assertFalse(outcome.better(), outcome.summary());
    assertFalse(outcome.written(), outcome.toString());
    assertFalse(Files.exists(dir.resolve("out/model.onnx")));
    assertTrue(
        log.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                            "The fine-tuned model is not better beyond noise on all 60"
                                + " images (5-fold cross-validation): ")
                        && l.contains("Nothing was written.")
                        && l.contains("set force to write it anyway")),
        log.toString());

    FineTuneJob.Outcome forced =
        job(config.force(true).int8(false).build(), dir.resolve("forced"), log).run();
    assertTrue(forced.written());
    assertTrue(Files.exists(dir.resolve("forced/model.onnx")));
    assertFalse(Files.exists(dir.resolve("forced/model-int8.onnx")), "int8 copy switched off");
    assertTrue(log.stream().noneMatch(l -> l.contains("int8")), log.toString());
    assertTrue(
        log.stream().anyMatch(l -> l.endsWith("Writing it anyway: forced.")), log.toString());
    JsonObject comparison =
        JsonParser.parseString(Files.readString(forced.report()))
            .getAsJsonObject()
            .getAsJsonObject("comparison");
    assertTrue(comparison.get("forced").getAsBoolean() && !comparison.get("better").getAsBoolean());
  }

  @Test
  void missingDigitFoldersWarnAndUnreadableFilesAreListed() throws Exception {
    Path folder = dir.resolve("partial");
    for (int digit : new int[] {1, 7}) {
      Path source = printed.resolve(Integer.toString(digit));
      Path target = Files.createDirectories(folder.resolve(Integer.toString(digit)));
      try (var files = Files.list(source)) {
        for (Path file : files.limit(10).toList()) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      }
    }
    Files.writeString(folder.resolve("7/notes.png"), "not an image");
    Files.createDirectories(folder.resolve("seven"));
    ImageFolder.Scan scan = ImageFolder.scan(folder, 2);
    assertTrue(
        scan.warnings().stream().anyMatch(w -> w.contains("'seven'")), scan.warnings().toString());
    assertTrue(
        scan.warnings().stream()
            .anyMatch(w -> w.contains("No images for digit(s) [0, 2, 3, 4, 5, 6, 8, 9]")),
        scan.warnings().toString());
    ImageFolder.Loaded loaded = ImageFolder.load(scan, 0.2);
    assertEquals(20, loaded.images().size());
    assertEquals(1, loaded.skipped().size());
    assertTrue(loaded.skipped().get(0).contains("notes.png"), loaded.skipped().toString());
  }

  @Test
  void tooManyUnreadableFilesFailWithTheList() throws Exception {
    Path folder = dir.resolve("junk");
    for (int digit = 0; digit < 2; digit++) {
      Path d = Files.createDirectories(folder.resolve(Integer.toString(digit)));
      Files.writeString(d.resolve("a.png"), "text");
      Files.write(d.resolve("b.jpg"), new byte[0]);
      Files.copy(printed.resolve(digit + "/printed-" + digit + "-000.png"), d.resolve("c.png"));
    }
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class, () -> ImageFolder.load(ImageFolder.scan(folder, 2), 0.2));
    assertTrue(e.getMessage().contains("4 of 6 images"), e.getMessage());
    assertTrue(e.getMessage().contains("a.png"), e.getMessage());
  }

  @Test
  void emptyTreeAndSingleClassAreRefused() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty/3"));
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> ImageFolder.scan(empty.getParent(), 2));
    assertTrue(e.getMessage().contains("holds no images"), e.getMessage());

    Path single = Files.createDirectories(dir.resolve("single/4"));
    Files.copy(printed.resolve("4/printed-4-000.png"), single.resolve("x.png"));
    e = assertThrows(InvalidDataException.class, () -> ImageFolder.scan(single.getParent(), 2));
    assertTrue(e.getMessage().contains("only 1 digit(s)"), e.getMessage());

    e = assertThrows(InvalidDataException.class, () -> ImageFolder.scan(dir.resolve("nowhere"), 2));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void aBaseThatIsNotACheckpointIsRefused() throws Exception {
    Path onnx = Files.writeString(dir.resolve("model.onnx"), "onnx bytes, not a checkpoint");
    FineTuneConfig config = FineTuneConfig.builder(onnx, printed).epochs(1).build();
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class,
            () -> job(config, dir.resolve("o"), new ArrayList<>()).run());
    assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
  }

  @Test
  void theOutputFolderMayNotBeTheBaseFolder() {
    FineTuneConfig config = FineTuneConfig.builder(base, printed).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> job(config, base.getParent(), new ArrayList<>()).run());
    assertTrue(e.getMessage().contains("never overwrites its base"), e.getMessage());
  }
}
