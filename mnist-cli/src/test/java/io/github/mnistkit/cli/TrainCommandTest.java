package io.github.mnistkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code evaluate} and {@code finetune} for real, in order, on the committed
 * fixture: one epoch on 600 images keeps it to seconds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainCommandTest {
  @TempDir static Path dir;

  static String[] train(String... extra) {
    String[] base = {
      "train",
      "--data-directory",
      Digits.FIXTURE.toString(),
      "--epochs",
      "1",
      "--max-train-images",
      "1500",
      "--output-directory",
      dir.resolve("model").toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return args;
  }

  @Test
  @Order(1)
  void trainsAVerifiedModelWithPlainProgressLinesWhenNotInATerminal() throws Exception {
    Run run = Run.of(train());
    assertEquals(0, run.exitCode(), run.toString());
    for (String file :
        new String[] {"model.onnx", "checkpoint.params", "report.json", "report.html"}) {
      assertTrue(Files.size(dir.resolve("model").resolve(file)) > 0, file);
    }
    assertTrue(run.out().contains("Epoch 1/1 done in"), run.out());
    assertFalse(run.out().contains("\r"), "no progress bar outside a terminal");
    assertTrue(
        run.out()
            .matches(
                "(?s).*Trained cnn: test accuracy \\d+\\.\\d\\d% \\(.*\\)\\. Wrote .*model\\.onnx\n"),
        run.out());
  }

  @Test
  @Order(2)
  void aSecondRunWithTheSameSettingsIsSkipped() {
    Run run = Run.of(train());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("is up to date"), run.out());
    assertFalse(run.out().contains("Epoch 1/1"), run.out());
  }

  @Test
  @Order(3)
  void evaluateIsAQualityGateWithAnExitCode() throws Exception {
    String model = dir.resolve("model/model.onnx").toString();
    String fixture = Digits.FIXTURE.toString();
    Run passing =
        Run.of("evaluate", "--model", model, "--data-directory", fixture, "--min-accuracy", "0.25");
    assertEquals(0, passing.exitCode(), passing.toString());
    assertTrue(passing.out().contains("Quality gate passed"), passing.out());
    assertTrue(passing.out().contains("confusion (rows: true digit"), passing.out());
    assertTrue(Files.exists(dir.resolve("model/evaluation.json")));

    Path report = dir.resolve("strict.json");
    Run failing =
        Run.of(
            "evaluate",
            "--model",
            model,
            "--data-directory",
            fixture,
            "--min-accuracy",
            "0.999",
            "--evaluation-file",
            report.toString());
    assertEquals(MnistKit.FAILED, failing.exitCode(), failing.toString());
    assertTrue(failing.err().contains("Quality gate failed: Accuracy"), failing.err());
    assertTrue(failing.err().contains("is below the required 99.90%"), failing.err());
    assertTrue(Files.readString(report).contains("\"passed\": false"));
  }

  @Test
  @Order(4)
  void fineTunesTheTrainedCheckpointOnAFolderOfImages() throws Exception {
    Path images = dir.resolve("printed");
    Run run =
        Run.of(
            "finetune",
            "--base-checkpoint",
            dir.resolve("model/checkpoint.params").toString(),
            "--image-folder",
            images.toString(),
            "--generate-printed",
            "6",
            "--epochs",
            "1",
            "--data-directory",
            Digits.FIXTURE.toString(),
            "--output-directory",
            dir.resolve("tuned").toString(),
            "--force");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.isDirectory(images.resolve("7")), "printed digits were generated");
    assertTrue(
        run.out()
            .matches(
                "(?s).*Wrote .*model\\.onnx: \\d+\\.\\d\\d% -> \\d+\\.\\d\\d% on \\d+ held-out images.*"),
        run.out());
    assertTrue(Files.exists(dir.resolve("tuned/model.onnx")));
  }
}
