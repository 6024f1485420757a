package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.image.DigitImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class DigitRecognizerTest {
  static DigitRecognizer recognizer;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    recognizer = DigitRecognizer.createDefault();
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  @Test
  void theBundledModelDescribesItself() {
    ModelInfo info = recognizer.modelInfo();
    assertEquals("cnn", info.architecture());
    assertEquals("mnist", info.dataset());
    assertTrue(info.testAccuracy().orElseThrow() >= 0.993, info.toString());
    assertEquals("bundled default model", info.source());
    assertEquals(Device.CPU, recognizer.device());
  }

  @Test
  void classifiesTheFixtureDigitsAsMnistInput() {
    List<DigitImage> digits = new ArrayList<>();
    for (int i = 0; i < Fixtures.TEST.size(); i++) {
      digits.add(Fixtures.digit(i));
    }
    List<Recognition> results = recognizer.classify(digits);
    int correct = 0;
    for (int i = 0; i < results.size(); i++) {
      correct += results.get(i).digit() == Fixtures.TEST.label(i) ? 1 : 0;
    }
    double accuracy = correct / (double) results.size();
    assertTrue(accuracy >= 0.99, "accuracy on 2,000 fixture digits " + accuracy);
  }

  @Test
  void aLongListWithBlanksKeepsEveryAnswerWithItsDigit() {
    List<DigitImage> digits = new ArrayList<>();
    for (int i = 0; i < 101; i++) { // several CPU chunks of 32, a partial one, blanks between
      digits.add(i % 7 == 3 ? DigitImage.ofPixels(new float[784]) : Fixtures.digit(i));
    }
    List<Recognition> together = recognizer.classify(digits);
    assertEquals(digits.size(), together.size());
    for (int i = 0; i < digits.size(); i++) {
      Recognition alone = recognizer.classify(digits.get(i));
      assertEquals(alone.verdict(), together.get(i).verdict(), "digit " + i);
      assertEquals(alone.digit(), together.get(i).digit(), "digit " + i);
      if (alone.hasDigit()) {
        assertEquals(alone.confidence(), together.get(i).confidence(), 1e-5, "digit " + i);
      }
    }
  }

  @Test
  void recognisesAnImageFileBytesAndStreamAlike() throws Exception {
    byte[] png = Fixtures.encode(Fixtures.onPaper(0, 200, 160, 120, 40, 20), "png");
    Path file = Files.write(dir.resolve("seven.png"), png);
    Recognition fromFile = recognizer.recognize(file);
    assertEquals(7, fromFile.digit());
    assertTrue(fromFile.isConfident(0.9), fromFile.toString());
    assertEquals(7, recognizer.recognize(png).digit());
    assertEquals(7, recognizer.recognize(new ByteArrayInputStream(png)).digit());
    float[] probabilities = fromFile.probabilities();
    double sum = 0;
    for (float p : probabilities) {
      sum += p;
    }
    assertEquals(1.0, sum, 1e-4);
    assertNotNull(fromFile.box());
    assertEquals(28, fromFile.input().toBufferedImage().getWidth());
  }

  @Test
  void aBlankPageIsNoDigit() {
    BufferedImage page = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 300, 300);
    g.dispose();
    Recognition result = recognizer.recognize(page);
    assertFalse(result.hasDigit());
    assertEquals(Recognition.NO_DIGIT, result.digit());
    assertFalse(result.isConfident(0.01));
    assertEquals("no digit", result.toString());
    assertTrue(recognizer.readNumber(page).isEmpty());
  }

  @Test
  void batchResultsEqualSingleResults() {
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      images.add(Fixtures.onPaper(i, 100, 100, 70, 15, 15));
    }
    List<Recognition> batch = recognizer.recognizeAll(images);
    for (int i = 0; i < images.size(); i++) {
      Recognition single = recognizer.recognize(images.get(i));
      assertEquals(single.digit(), batch.get(i).digit());
      assertEquals(single.confidence(), batch.get(i).confidence(), 1e-5);
    }
  }

  @Test
  void readsARowOfDigits() {
    int[] indices = {4, 3, 0, 2, 1}; // fixture labels 4, 0, 7, 1, 2
    BufferedImage row = new BufferedImage(5 * 90 + 40, 130, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = row.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, row.getWidth(), row.getHeight());
    for (int i = 0; i < indices.length; i++) {
      g.drawImage(Fixtures.onPaper(indices[i], 100, 100, 100, 0, 0), 20 + i * 90, 15, null);
    }
    g.dispose();
    StringBuilder expected = new StringBuilder();
    for (int index : indices) {
      expected.append(Fixtures.TEST.label(index));
    }
    DigitSequence sequence = recognizer.readNumber(row);
    assertEquals(expected.toString(), sequence.text());
    assertEquals(5, sequence.digits().size());
    for (int i = 1; i < 5; i++) {
      assertTrue(sequence.digits().get(i).box().x() > sequence.digits().get(i - 1).box().x());
    }
    assertTrue(sequence.minConfidence() > 0.5, "min confidence " + sequence.minConfidence());
  }

  @Test
  void eightThreadsGiveExactlyTheSequentialResults() throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      images.add(Fixtures.onPaper(i, 56, 56, 48, 4, 4));
    }
    List<Recognition> expected = new ArrayList<>();
    for (BufferedImage image : images) {
      expected.add(recognizer.recognize(image));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t * 13;
        mismatches.add(
            pool.submit(
                () -> {
                  int wrong = 0;
                  for (int n = 0; n < 1000; n++) {
                    int i = (offset + n) % images.size();
                    Recognition r = recognizer.recognize(images.get(i));
                    if (r.digit() != expected.get(i).digit()
                        || Float.compare(r.confidence(), expected.get(i).confidence()) != 0) {
                      wrong++;
                    }
                  }
                  return wrong;
                }));
      }
      for (Future<Integer> result : mismatches) {
        assertEquals(0, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fallbackSaysWhichModelAnswered() throws Exception {
    byte[] model =
        DigitRecognizerTest.class.getResourceAsStream(ModelSource.DEFAULT_RESOURCE).readAllBytes();
    try (DigitRecognizer tuned =
        DigitRecognizer.builder().model(model, "fine-tuned").fallback(recognizer, 0.9999).build()) {
      int byTuned = 0;
      int byBase = 0;
      for (int i = 0; i < 300; i++) {
        Recognition direct = tuned.classify(List.of(Fixtures.digit(i))).get(0);
        try (DigitRecognizer alone = DigitRecognizer.builder().model(model, "fine-tuned").build()) {
          Recognition own = alone.classify(Fixtures.digit(i));
          // refused answers are kept (the bundled model refuses a few odd MNIST digits)
          String expected =
              own.hasDigit() && own.confidence() < 0.9999 ? "bundled default model" : "fine-tuned";
          assertEquals(expected, direct.model(), "image " + i + " confidence " + own.confidence());
        }
        if (direct.model().equals("fine-tuned")) {
          byTuned++;
        } else {
          byBase++;
        }
        if (i >= 40 && byTuned > 0 && byBase > 0) {
          break;
        }
      }
      assertTrue(
          byTuned > 0 && byBase > 0, "both models should answer some: " + byTuned + "/" + byBase);
    }
  }

  @Test
  @DisabledIfSystemProperty(named = "mnist.gpuBuild", matches = "true")
  void cudaOnTheCpuBuildFailsClearlyAndAutoFallsBackToCpu() {
    DeviceUnavailableException e =
        assertThrows(
            DeviceUnavailableException.class,
            () -> DigitRecognizer.builder().device(Device.CUDA).build());
    assertTrue(e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    try (DigitRecognizer auto = DigitRecognizer.builder().device(Device.AUTO).threads(1).build()) {
      assertEquals(Device.CPU, auto.device());
      assertEquals(7, auto.classify(Fixtures.digit(0)).digit());
    }
  }

  /**
   * Only with the GPU build ({@code -Pgpu}, ONNX Runtime's CUDA artifact) on a machine with a GPU.
   */
  @Test
  @EnabledIfSystemProperty(named = "mnist.gpuBuild", matches = "true")
  void cudaRecognisesOnTheGpuBuild() {
    try (DigitRecognizer cuda = DigitRecognizer.builder().device(Device.CUDA).build()) {
      assertEquals(Device.CUDA, cuda.device());
      assertEquals(7, cuda.classify(Fixtures.digit(0)).digit());
    }
  }

  @Test
  void aMissingModelFileIsNamed() {
    Path missing = dir.resolve("nowhere/model.onnx");
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class, () -> DigitRecognizer.builder().model(missing).build());
    assertTrue(
        e.getMessage().contains("model.onnx") && e.getMessage().contains("does not exist"),
        e.getMessage());
  }

  @Test
  void aFileThatIsNotOnnxIsRefusedByName() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.onnx"), "this is a text file, not a model");
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class, () -> DigitRecognizer.builder().model(text).build());
    assertTrue(e.getMessage().contains("notes.onnx"), e.getMessage());
    Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    e =
        assertThrows(
            InvalidModelException.class, () -> DigitRecognizer.builder().model(empty).build());
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void anOnnxModelOfTheWrongShapeIsNotADigitModel() throws Exception {
    Path wrong = Files.write(dir.resolve("cifar.onnx"), WrongShapeModel.identity(3, 32, 32));
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class, () -> DigitRecognizer.builder().model(wrong).build());
    assertTrue(e.getMessage().contains("cifar.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("not a digit model"), e.getMessage());
    assertTrue(e.getMessage().contains("[N, 1, 28, 28]"), e.getMessage());
  }
}
