package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.image.DigitImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled model comes in int8 (default) and fp32; both read the fixture digits alike. */
class PrecisionTest {
  @Test
  void theDefaultBundledModelIsInt8AndFp32StaysSelectable() {
    try (DigitRecognizer int8 = DigitRecognizer.createDefault();
        DigitRecognizer fp32 = DigitRecognizer.builder().precision(Precision.FP32).build()) {
      assertEquals(Precision.INT8, int8.modelInfo().precision());
      assertEquals("bundled default model", int8.modelInfo().source());
      assertTrue(
          int8.modelInfo().metadata().get(ModelMetadata.CALIBRATION).contains("training images"));
      assertEquals(Precision.FP32, fp32.modelInfo().precision());
      assertEquals("bundled default model (fp32)", fp32.modelInfo().source());
      assertEquals("cnn", fp32.modelInfo().architecture());
      assertTrue(int8.modelInfo().toString().contains("int8"), int8.modelInfo().toString());
    }
  }

  @Test
  void int8AgreesWithFp32OnTheFixtureDigits() {
    List<DigitImage> digits = new ArrayList<>();
    for (int i = 0; i < Fixtures.TEST.size(); i++) {
      digits.add(Fixtures.digit(i));
    }
    try (DigitRecognizer int8 =
            DigitRecognizer.builder().precision(Precision.INT8).threads(1).build();
        DigitRecognizer fp32 =
            DigitRecognizer.builder().precision(Precision.FP32).threads(1).build()) {
      List<Recognition> a = int8.classify(digits);
      List<Recognition> b = fp32.classify(digits);
      int agree = 0;
      int int8Correct = 0;
      int fp32Correct = 0;
      for (int i = 0; i < digits.size(); i++) {
        agree += a.get(i).digit() == b.get(i).digit() ? 1 : 0;
        int8Correct += a.get(i).digit() == Fixtures.TEST.label(i) ? 1 : 0;
        fp32Correct += b.get(i).digit() == Fixtures.TEST.label(i) ? 1 : 0;
      }
      assertTrue(agree >= 0.998 * digits.size(), agree + " of " + digits.size() + " agree");
      assertTrue(int8Correct >= fp32Correct - 2, int8Correct + " vs " + fp32Correct + " correct");
    }
  }

  @Test
  void aModelFileAndAPrecisionTogetherAreRefused() {
    DigitRecognizer.Builder builder =
        DigitRecognizer.builder().model(Path.of("model.onnx")).precision(Precision.FP32);
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
    assertTrue(e.getMessage().contains("bundled"), e.getMessage());
  }
}
