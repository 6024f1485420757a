package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bundled model reads real MNIST digits however they arrive: PNG and JPEG from 28 to 1000 px,
 * progressive JPEG, a transparent canvas, an EXIF-rotated photo, gAMA and grey PNGs, a photo with
 * uneven light and blue ink, CMYK, chalk on a board. Forty digits (four of each class) per kind,
 * every one recognised through the public API from the encoded bytes.
 */
class RealImageRecognitionTest {
  static DigitRecognizer recognizer;
  static final List<MnistFixture.Digit> DIGITS = new ArrayList<>();

  @BeforeAll
  static void open() {
    recognizer = DigitRecognizer.createDefault();
    for (int label = 0; label < 10; label++) {
      int from = 0;
      for (int k = 0; k < 4; k++) {
        MnistFixture.Digit digit = MnistFixture.firstWithLabel(label, from);
        DIGITS.add(digit);
        from = digit.index() + 1;
      }
    }
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  @ParameterizedTest
  @EnumSource(Rendering.class)
  void everyDigitIsRecognised(Rendering rendering) {
    List<String> wrong = new ArrayList<>();
    for (MnistFixture.Digit digit : DIGITS) {
      Recognition result = recognizer.recognize(rendering.bytes(digit));
      if (result.digit() != digit.label()) {
        wrong.add("fixture #" + digit.index() + " (" + digit.label() + ") read as " + result);
      }
    }
    assertEquals(List.of(), wrong, rendering + ": misread digits");
  }
}
