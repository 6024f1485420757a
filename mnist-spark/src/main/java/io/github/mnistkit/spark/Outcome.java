package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.Recognition;

/** The result for one row: a digit (digit mode), a row of digits (number mode), or an error. */
record Outcome(Recognition digit, DigitSequence number, String error) {
  static Outcome of(Recognition digit) {
    return new Outcome(digit, null, null);
  }

  static Outcome of(DigitSequence number) {
    return new Outcome(null, number, null);
  }

  static Outcome failed(String error) {
    return new Outcome(null, null, error);
  }

  boolean failed() {
    return error != null;
  }
}
