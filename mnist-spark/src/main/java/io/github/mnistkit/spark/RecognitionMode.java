package io.github.mnistkit.spark;

import java.util.Locale;

/** What each image holds: one digit, or a row of digits read left to right. */
public enum RecognitionMode {
  /** One digit per image: {@code DigitRecognizer.recognizeAll}, one ONNX Runtime call per batch. */
  DIGIT,
  /**
   * A row of digits per image: {@code DigitRecognizer.readNumber}, one ONNX Runtime call per row.
   */
  NUMBER;

  /** The parameter value, {@code digit} or {@code number}. */
  public String paramValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code digit} or {@code number} (any case). */
  public static RecognitionMode parse(String value) {
    for (RecognitionMode mode : values()) {
      if (mode.paramValue().equalsIgnoreCase(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("mode must be 'digit' or 'number', was '" + value + "'");
  }
}
