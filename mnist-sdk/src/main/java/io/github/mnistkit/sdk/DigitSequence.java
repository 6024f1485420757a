package io.github.mnistkit.sdk;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A row of digits read left to right, each with its box and confidence, and the pieces of ink in
 * the row that the model judged not to be digits (letters, symbols, marks), which are kept out of
 * {@link #text()}.
 *
 * @param digits the digits, left to right ({@link Recognition.Verdict#DIGIT} or {@link
 *     Recognition.Verdict#UNSURE})
 * @param refused ink in the row that is not a digit ({@link Recognition.Verdict#NOT_A_DIGIT}), left
 *     to right; always empty with a model that cannot refuse
 */
public record DigitSequence(List<Recognition> digits, List<Recognition> refused) {
  public DigitSequence {
    digits = List.copyOf(digits);
    refused = List.copyOf(refused);
  }

  /** A sequence with nothing refused. */
  public DigitSequence(List<Recognition> digits) {
    this(digits, List.of());
  }

  /** The digits as a string, e.g. {@code "40721"}; empty when the image held no digit. */
  public String text() {
    return digits.stream().map(r -> Integer.toString(r.digit())).collect(Collectors.joining());
  }

  /**
   * The lowest confidence of any digit (1 for an empty row): how much to trust the whole string.
   */
  public float minConfidence() {
    return (float) digits.stream().mapToDouble(Recognition::confidence).min().orElse(1.0);
  }

  /**
   * True when there is at least one digit, every digit is {@link Recognition.Verdict#DIGIT} and
   * nothing was refused: a number to use without asking.
   */
  public boolean isSure() {
    return !digits.isEmpty() && refused.isEmpty() && digits.stream().allMatch(Recognition::isSure);
  }

  /** True when no digit was read. */
  public boolean isEmpty() {
    return digits.isEmpty();
  }

  @Override
  public String toString() {
    return text();
  }
}
