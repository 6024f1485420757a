package io.github.mnistkit.sdk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mnistkit.sdk.image.DigitImage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as an ONNX model: either a recognizer that answers, or {@link InvalidModelException},
 * never another exception, an Error, a crash of the JVM or a long stall. In a normal build this
 * replays the committed inputs under {@code ModelLoadingFuzzTestInputs}.
 */
class ModelLoadingFuzzTest {
  private static final DigitImage SEVEN = Fixtures.digit(0);

  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void modelBytes(byte[] model) {
    DigitRecognizer recognizer;
    try {
      recognizer = DigitRecognizer.builder().model(model, "fuzzed.onnx").threads(1).build();
    } catch (InvalidModelException expected) {
      return;
    }
    try (recognizer) {
      float[] probabilities = recognizer.classify(SEVEN).probabilities();
      if (probabilities.length != 10) {
        throw new AssertionError("10 probabilities expected, got " + probabilities.length);
      }
    } catch (InvalidModelException expected) {
      // a model that loads but cannot run on a valid input
    }
  }
}
