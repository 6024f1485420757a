package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.ImageFolder;
import io.github.mnistkit.trainer.data.PrintedDigits;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.Checkpoint;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning an MNIST model (trained here on the fixture) on generated printed digits. */
class FineTuneJobTest {
  @TempDir static Path shared;
  static Path base;
  static Path printed;
  static DigitData mnist;

  @TempDir Path dir;

  @BeforeAll
  static void trainBaseAndGenerateFolder() {
    mnist = Fixture.load();
    base = shared.resolve("base/checkpoint.params");
    TrainingConfig config = TrainingConfig.builder(Architecture.CNN).epochs(3).build();
    try (TrainingResult result = new DigitTrainer(config, TrainingListener.SILENT, null).train(mnist)) {
      Checkpoint.write(base, result.model(), Map.of("dataset", "mnist-fixture"));
    }
    printed = shared.resolve("printed");
    PrintedDigits.generate(printed, 40, 11);
  }

  private FineTuneJob job(FineTuneConfig config, Path output, List<String> log) {
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onMessage(String message) {
        log.add(message);
      }
    };
    return new FineTuneJob(config, output, listener, mnist.train(), mnist.test());
  }

  @Test
  void printedDigitAccuracyRisesAndMnistIsKept() throws Exception {
    byte[] baseBytes = Files.readAllBytes(base);
    List<String> log = new ArrayList<>();
    FineTuneJob.Outcome outcome = job(FineTuneConfig.builder(base, printed).epochs(6).build(), dir, log).run();
    System.out.printf("printed digits: base %.1f%% -> fine-tuned %.1f%%; MNIST fixture test %.2f%% -> %.2f%%%n",
        100 * outcome.baseUserAccuracy(), 100 * outcome.tunedUserAccuracy(),
        100 * outcome.baseMnistAccuracy(), 100 * outcome.tunedMnistAccuracy());
    assertTrue(outcome.written());
    assertTrue(outcome.tunedUserAccuracy() >= outcome.baseUserAccuracy() + 0.15,
        "held-out printed accuracy should rise substantially: " + outcome);
    assertTrue(outcome.tunedUserAccuracy() >= 0.9, outcome.toString());
    assertTrue(outcome.tunedMnistAccuracy() >= outcome.baseMnistAccuracy() - 0.02, outcome.toString());
    assertEquals(100, outcome.userValidationImages());
    assertTrue(Files.exists(outcome.model()) && Files.exists(outcome.report()));
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("Before and after") && html.contains(String.format(java.util.Locale.ROOT, "%.2f%%",
        100 * outcome.tunedUserAccuracy())), html);
    for (String png : new String[] {"loss.png", "accuracy.png", "confusion.png", "misclassified.png"}) {
      assertTrue(html.contains("src=\"" + png + "\"") && Files.size(dir.resolve(png)) > 1000, png);
    }
    assertArrayEquals(baseBytes, Files.readAllBytes(base), "the base checkpoint is never modified");
  }

  @Test
  void aModelThatIsNotBetterIsNotWrittenUnlessForced() throws Exception {
    // the base already reads MNIST; "fine-tuning" on MNIST images with a tiny rate cannot beat it by much
    Path folder = dir.resolve("mnist-folder");
    for (int i = 0; i < 60; i++) {
      Path file = folder.resolve(Integer.toString(mnist.test().label(i))).resolve(i + ".png");
      Files.createDirectories(file.getParent());
      javax.imageio.ImageIO.write(io.github.mnistkit.sdk.image.DigitImage.ofMnistBytes(mnist.test().imageBytes(i)).toBufferedImage(), "png", file.toFile());
    }
    FineTuneConfig config = FineTuneConfig.builder(base, folder).epochs(1).learningRate(1e-9f).build();
    List<String> log = new ArrayList<>();
    FineTuneJob.Outcome outcome = job(config, dir.resolve("out"), log).run();
    assertFalse(outcome.written(), outcome.toString());
    assertFalse(Files.exists(dir.resolve("out/model.onnx")));
    assertTrue(log.stream().anyMatch(l -> l.contains("not better")), log.toString());

    FineTuneJob.Outcome forced = job(FineTuneConfig.builder(base, folder).epochs(1).learningRate(1e-9f).force(true).build(),
        dir.resolve("forced"), log).run();
    assertTrue(forced.written());
    assertTrue(Files.exists(dir.resolve("forced/model.onnx")));
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
    assertTrue(scan.warnings().stream().anyMatch(w -> w.contains("'seven'")), scan.warnings().toString());
    assertTrue(scan.warnings().stream().anyMatch(w -> w.contains("No images for digit(s) [0, 2, 3, 4, 5, 6, 8, 9]")), scan.warnings().toString());
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
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> ImageFolder.load(ImageFolder.scan(folder, 2), 0.2));
    assertTrue(e.getMessage().contains("4 of 6 images"), e.getMessage());
    assertTrue(e.getMessage().contains("a.png"), e.getMessage());
  }

  @Test
  void emptyTreeAndSingleClassAreRefused() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty/3"));
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> ImageFolder.scan(empty.getParent(), 2));
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
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> job(config, dir.resolve("o"), new ArrayList<>()).run());
    assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
  }

  @Test
  void theOutputFolderMayNotBeTheBaseFolder() {
    FineTuneConfig config = FineTuneConfig.builder(base, printed).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> job(config, base.getParent(), new ArrayList<>()).run());
    assertTrue(e.getMessage().contains("never overwrites its base"), e.getMessage());
  }
}
