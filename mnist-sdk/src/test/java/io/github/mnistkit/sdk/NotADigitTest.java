package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.testing.RefusingModels;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Models with the "not a digit" class, calibration and the not-sure threshold, on a hand-built
 * model whose answers are known; and ten-output models, which keep working without refusing.
 */
class NotADigitTest {
  /** Digit 3 favoured: p(3) = e^2 / (e^2 + 9) ≈ 0.45 over ten digits at temperature 1. */
  private static final float[] FAVOUR_THREE = {0, 0, 0, 2, 0, 0, 0, 0, 0, 0};

  private static final Map<String, String> DECLARED =
      Map.of(ModelMetadata.CLASSES, ModelMetadata.CLASSES_WITH_NOT_A_DIGIT);

  @Test
  void heavyInkIsNotADigitAndFaintInkIsTheFavouredDigit() throws IOException {
    try (DigitRecognizer recognizer = recognizer(DECLARED, null)) {
      assertTrue(recognizer.modelInfo().canRefuse());
      Recognition heavy = recognizer.classify(ink(1.0f));
      assertEquals(Recognition.Verdict.NOT_A_DIGIT, heavy.verdict());
      assertFalse(heavy.hasDigit());
      assertEquals(Recognition.NO_DIGIT, heavy.digit());
      assertEquals(0f, heavy.confidence());
      assertTrue(heavy.notADigitProbability() > 0.9f, heavy.toString());
      assertEquals(3, Softmax.argmax(heavy.probabilities(), 0, 10), "the closest digit stays");

      Recognition faint = recognizer.classify(ink(0.02f));
      assertEquals(Recognition.Verdict.DIGIT, faint.verdict(), faint.toString());
      assertEquals(3, faint.digit());
      float sum = faint.notADigitProbability();
      for (float p : faint.probabilities()) {
        sum += p;
      }
      assertEquals(1f, sum, 1e-5f);
    }
  }

  @Test
  void theStoredTemperatureCalibratesTheProbabilities() throws IOException {
    Map<String, String> metadata =
        Map.of(
            ModelMetadata.CLASSES,
            ModelMetadata.CLASSES_WITH_NOT_A_DIGIT,
            ModelMetadata.TEMPERATURE,
            "2.0");
    try (DigitRecognizer plain = recognizer(DECLARED, null);
        DigitRecognizer calibrated = recognizer(metadata, null)) {
      DigitImage faint = ink(0.02f);
      float[] logits = Arrays.copyOf(FAVOUR_THREE, 11);
      logits[10] = 0.02f * 40 - 30;
      float expected = Softmax.apply(logits, 11, 2f)[3];
      assertEquals(expected, calibrated.classify(faint).confidence(), 1e-5f);
      assertTrue(calibrated.classify(faint).confidence() < plain.classify(faint).confidence());
    }
  }

  @Test
  void underTheModelsThresholdADigitIsUnsureUnlessTheCallerLowersIt() throws IOException {
    Map<String, String> metadata =
        Map.of(
            ModelMetadata.CLASSES,
            ModelMetadata.CLASSES_WITH_NOT_A_DIGIT,
            ModelMetadata.CONFIDENCE_THRESHOLD,
            "0.6");
    try (DigitRecognizer strict = recognizer(metadata, null);
        DigitRecognizer lenient = recognizer(metadata, 0.3)) {
      assertEquals(0.6, strict.confidenceThreshold(), 1e-6);
      Recognition unsure = strict.classify(ink(0.02f));
      assertEquals(Recognition.Verdict.UNSURE, unsure.verdict());
      assertTrue(unsure.hasDigit() && !unsure.isSure());
      assertEquals(3, unsure.digit());
      assertTrue(unsure.toString().contains("not sure"), unsure.toString());
      assertEquals(Recognition.Verdict.DIGIT, lenient.classify(ink(0.02f)).verdict());
    }
  }

  @Test
  void anElevenOutputModelThatDoesNotDeclareTheClassIsRefused() throws IOException {
    byte[] model = RefusingModels.byMeanInk(FAVOUR_THREE, 40, 30, Map.of());
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class,
            () -> DigitRecognizer.builder().model(model, "undeclared.onnx").build());
    assertTrue(e.getMessage().contains("undeclared.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains(ModelMetadata.CLASSES), e.getMessage());
  }

  @Test
  void anImpossibleTemperatureIsRefusedWithItsKey() throws IOException {
    Map<String, String> metadata =
        Map.of(
            ModelMetadata.CLASSES,
            ModelMetadata.CLASSES_WITH_NOT_A_DIGIT,
            ModelMetadata.TEMPERATURE,
            "-1");
    byte[] model = RefusingModels.byMeanInk(FAVOUR_THREE, 40, 30, metadata);
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class,
            () -> DigitRecognizer.builder().model(model, "cold.onnx").build());
    assertTrue(e.getMessage().contains(ModelMetadata.TEMPERATURE), e.getMessage());
  }

  @Test
  void aThresholdOutsideZeroToOneOrNotANumberIsRefusedWithItsKey() throws IOException {
    for (String bad : new String[] {"1.5", "1,25", "NaN"}) {
      Map<String, String> metadata =
          Map.of(
              ModelMetadata.CLASSES,
              ModelMetadata.CLASSES_WITH_NOT_A_DIGIT,
              ModelMetadata.CONFIDENCE_THRESHOLD,
              bad);
      byte[] model = RefusingModels.byMeanInk(FAVOUR_THREE, 40, 30, metadata);
      InvalidModelException e =
          assertThrows(
              InvalidModelException.class,
              () -> DigitRecognizer.builder().model(model, "odd.onnx").build(),
              bad);
      assertTrue(e.getMessage().contains(ModelMetadata.CONFIDENCE_THRESHOLD), e.getMessage());
      assertTrue(e.getMessage().contains("odd.onnx"), e.getMessage());
    }
  }

  @Test
  void theFallbackIsAskedForUnsureDigitsButARefusalIsKept() throws IOException {
    Map<String, String> metadata =
        Map.of(
            ModelMetadata.CLASSES,
            ModelMetadata.CLASSES_WITH_NOT_A_DIGIT,
            ModelMetadata.CONFIDENCE_THRESHOLD,
            "0.6");
    try (DigitRecognizer base = DigitRecognizer.createDefault();
        DigitRecognizer tuned =
            DigitRecognizer.builder()
                .model(RefusingModels.byMeanInk(FAVOUR_THREE, 40, 30, metadata), "tuned.onnx")
                .fallback(base, 0.6)
                .build()) {
      Recognition refused = tuned.classify(ink(1.0f));
      assertEquals(Recognition.Verdict.NOT_A_DIGIT, refused.verdict());
      assertEquals("tuned.onnx", refused.model());
      Recognition unsure = tuned.classify(Fixtures.digit(0));
      assertEquals(base.modelInfo().source(), unsure.model(), "the base answered");
      assertEquals(Fixtures.TEST.label(0), unsure.digit());
    }
  }

  @Test
  void aTenOutputModelOfTheEarlierTrainerStillWorksAndNeverRefuses() throws IOException {
    byte[] legacy;
    try (InputStream in = getClass().getResourceAsStream("legacy-ten-class-cnn-int8.onnx")) {
      legacy = in.readAllBytes();
    }
    try (DigitRecognizer recognizer =
        DigitRecognizer.builder().model(legacy, "legacy-ten-class-cnn-int8.onnx").build()) {
      assertFalse(recognizer.modelInfo().canRefuse());
      assertEquals(0.0, recognizer.confidenceThreshold());
      List<Recognition> answers =
          recognizer.classify(
              List.of(Fixtures.digit(0), ink(1.0f), DigitImage.ofPixels(new float[784])));
      assertEquals(Fixtures.TEST.label(0), answers.get(0).digit());
      assertEquals(Recognition.Verdict.DIGIT, answers.get(0).verdict());
      assertEquals(Recognition.Verdict.DIGIT, answers.get(1).verdict(), "a black square: a digit");
      assertEquals(0f, answers.get(1).notADigitProbability());
      assertEquals(Recognition.Verdict.BLANK, answers.get(2).verdict());
      assertArrayEquals(new float[10], answers.get(2).probabilities());
    }
  }

  @Test
  void aSequenceKeepsRefusedPiecesOutOfItsText() throws IOException {
    try (DigitRecognizer recognizer = recognizer(DECLARED, null)) {
      List<Recognition> answers = recognizer.classify(List.of(ink(0.02f), ink(1.0f)));
      DigitSequence sequence = new DigitSequence(List.of(answers.get(0)), List.of(answers.get(1)));
      assertEquals("3", sequence.text());
      assertEquals(1, sequence.refused().size());
      assertFalse(sequence.isSure(), "a refused piece makes the row unsure");
      assertTrue(new DigitSequence(List.of(answers.get(0))).isSure());
    }
  }

  private static DigitRecognizer recognizer(Map<String, String> metadata, Double threshold)
      throws IOException {
    DigitRecognizer.Builder builder =
        DigitRecognizer.builder()
            .model(RefusingModels.byMeanInk(FAVOUR_THREE, 40, 30, metadata), "refusing.onnx");
    if (threshold != null) {
      builder.confidenceThreshold(threshold);
    }
    return builder.build();
  }

  /** A square of ink covering {@code share} of the image. */
  private static DigitImage ink(float share) {
    float[] pixels = new float[784];
    int count = Math.round(share * 784);
    for (int i = 0; i < count; i++) {
      pixels[(i * 7919) % 784] = 1f;
    }
    return DigitImage.ofPixels(pixels);
  }
}
