package io.github.mnistkit.sdk;

import java.util.List;
import java.util.stream.Collectors;

/** A row of digits read left to right, each with its box and confidence. */
public record DigitSequence(List<Recognition> digits) {
  public DigitSequence {
    digits = List.copyOf(digits);
  }

  /** The digits as a string, e.g. {@code "40721"}; empty when the image held no ink. */
  public String text() {
    return digits.stream().map(r -> Integer.toString(r.digit())).collect(Collectors.joining());
  }

  /**
   * The lowest confidence of any digit (1 for an empty row): how much to trust the whole string.
   */
  public float minConfidence() {
    return (float) digits.stream().mapToDouble(Recognition::confidence).min().orElse(1.0);
  }

  public boolean isEmpty() {
    return digits.isEmpty();
  }

  @Override
  public String toString() {
    return text();
  }
}
