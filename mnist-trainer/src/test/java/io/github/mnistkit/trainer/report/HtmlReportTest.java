package io.github.mnistkit.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.Mistake;
import io.github.mnistkit.trainer.eval.PairedComparison;
import io.github.mnistkit.trainer.eval.QualityGate;
import io.github.mnistkit.trainer.job.TrainingJob;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void trainingWritesHtmlWithChartsConfusionAndMistakes() throws Exception {
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(1).maxTrainImages(500).build();
    TrainingJob.Outcome outcome =
        new TrainingJob(config, dir, TrainingListener.SILENT).run(Fixture.load());

    String html = Files.readString(dir.resolve(HtmlReport.FILE));
    assertTrue(
        html.contains(String.format(Locale.ROOT, "%.2f%%", 100 * outcome.testAccuracy())), html);
    Map<String, int[]> sizes =
        Map.of(
            HtmlReport.LOSS, new int[] {HtmlReport.CHART_WIDTH, HtmlReport.CHART_HEIGHT},
            HtmlReport.ACCURACY, new int[] {HtmlReport.CHART_WIDTH, HtmlReport.CHART_HEIGHT},
            HtmlReport.CONFUSION, new int[] {HtmlReport.CONFUSION_SIZE, HtmlReport.CONFUSION_SIZE},
            HtmlReport.MISCLASSIFIED, new int[] {MistakeGrid.width(36), MistakeGrid.height(36)});
    for (Map.Entry<String, int[]> png : sizes.entrySet()) {
      assertTrue(html.contains("src=\"" + png.getKey() + "\""), png.getKey());
      BufferedImage image = ImageIO.read(dir.resolve(png.getKey()).toFile());
      assertEquals(png.getValue()[0], image.getWidth(), png.getKey());
      assertEquals(png.getValue()[1], image.getHeight(), png.getKey());
    }
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
    BufferedImage confusion = ImageIO.read(dir.resolve(HtmlReport.CONFUSION).toFile());
    assertTrue(
        colouredPixels(confusion) > confusion.getWidth() * confusion.getHeight() / 20,
        "the heat-map has coloured cells");
  }

  @Test
  void evaluationHtmlSitsBesideItsJsonWithPrefixedImages() throws Exception {
    int[][] confusion = new int[10][11];
    for (int d = 0; d < 10; d++) {
      confusion[d][d] = 90;
      confusion[d][(d + 1) % 10] = 10;
    }
    List<Mistake> mistakes =
        List.of(
            new Mistake(
                io.github.mnistkit.sdk.image.DigitImage.ofMnistBytes(
                    Fixture.load().test().imageBytes(0)),
                7,
                2,
                0.83f));
    Evaluation evaluation = new Evaluation("model.onnx", "mnist test set", confusion, mistakes);

    EvaluationReport.write(dir.resolve("evaluation.json"), evaluation, new QualityGate(0.95));

    String html = Files.readString(dir.resolve("evaluation.html"));
    assertTrue(html.contains("90.00%") && html.contains("FAILED"), html);
    assertTrue(
        html.contains("src=\"evaluation-confusion.png\"")
            && html.contains("src=\"evaluation-misclassified.png\""));
    assertFalse(Files.exists(dir.resolve("evaluation-loss.png")), "no curves without a history");
    assertEquals(
        MistakeGrid.height(1),
        ImageIO.read(dir.resolve("evaluation-misclassified.png").toFile()).getHeight());
    assertEquals("true 7 \u2192 2 (83%)", MistakeGrid.caption(mistakes.get(0)));
  }

  @Test
  void evaluationOfProbabilitiesCountsAndKeepsMistakes() {
    var test = Fixture.load().test().head(40);
    int columns = PairedComparison.COLUMNS;
    float[] probabilities = new float[40 * columns];
    for (int i = 0; i < 40; i++) {
      int answer = i < 30 ? test.label(i) : (test.label(i) + 1) % 10; // last ten wrong
      probabilities[i * columns + answer] = 0.9f;
    }
    Evaluation evaluation = Evaluation.of("m", "d", test, probabilities);
    assertEquals(30, evaluation.correct());
    assertEquals(10, evaluation.mistakes().size());
    assertEquals((test.label(35) + 1) % 10, evaluation.mistakes().get(5).predicted());
  }

  /** Pixels that are neither white nor grey: the heat-map's blues. */
  private static int colouredPixels(BufferedImage image) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        if (b - r > 30) {
          count++;
        }
      }
    }
    return count;
  }
}
