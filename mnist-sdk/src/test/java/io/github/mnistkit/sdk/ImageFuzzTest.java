package io.github.mnistkit.sdk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as an image to {@code recognize(byte[])} and {@code readNumber(byte[])}: an answer or
 * {@link InvalidImageException}, never another exception, an Error or a long stall. In a normal
 * build this replays the committed inputs under {@code ImageFuzzTestInputs} (real PNG, JPEG, GIF,
 * BMP, TIFF, ICO and PSD files and the hostile files of the regression tests); docs/reliability.md
 * has the fuzzing command.
 */
class ImageFuzzTest {
  private static DigitRecognizer recognizer;

  @BeforeAll
  static void open() {
    recognizer = DigitRecognizer.builder().threads(1).build();
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void recognize(byte[] image) {
    try {
      Recognition result = recognizer.recognize(image);
      if (result.hasDigit() && (result.digit() < 0 || result.digit() > 9)) {
        throw new AssertionError("digit " + result.digit());
      }
    } catch (InvalidImageException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void readNumber(byte[] image) {
    try {
      String text = recognizer.readNumber(image).text();
      if (!text.chars().allMatch(Character::isDigit)) {
        throw new AssertionError("text " + text);
      }
    } catch (InvalidImageException expected) {
      // documented
    }
  }
}
