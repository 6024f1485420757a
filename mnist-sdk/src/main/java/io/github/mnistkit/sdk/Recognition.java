package io.github.mnistkit.sdk;

import io.github.mnistkit.sdk.image.Box;
import io.github.mnistkit.sdk.image.DigitImage;

/**
 * The answer for one digit: the most likely digit, its probability, all ten probabilities, the
 * 28×28 input the model saw, and which model answered.
 */
public final class Recognition {
  /** The value of {@link #digit()} when the image held no ink. */
  public static final int NO_DIGIT = -1;

  private final int digit;
  private final float[] probabilities;
  private final DigitImage input;
  private final String model;

  Recognition(float[] probabilities, DigitImage input, String model) {
    this.probabilities = probabilities;
    this.input = input;
    this.model = model;
    this.digit = probabilities == null ? NO_DIGIT : Softmax.argmax(probabilities, 0, 10);
  }

  static Recognition noDigit(DigitImage input, String model) {
    return new Recognition(null, input, model);
  }

  /** The recognised digit 0–9, or {@link #NO_DIGIT} for a blank image. */
  public int digit() {
    return digit;
  }

  /** False for a blank page or empty canvas: nothing was there to recognise. */
  public boolean hasDigit() {
    return digit != NO_DIGIT;
  }

  /** Probability of {@link #digit()}; 0 when there is no digit. */
  public float confidence() {
    return hasDigit() ? probabilities[digit] : 0f;
  }

  /** True when there is a digit and its probability is at least {@code threshold}. */
  public boolean isConfident(double threshold) {
    return hasDigit() && confidence() >= threshold;
  }

  /** The ten class probabilities (a copy); all zero when there is no digit. */
  public float[] probabilities() {
    return probabilities == null ? new float[10] : probabilities.clone();
  }

  /** The preprocessed 28×28 image the model saw, for debugging and display. */
  public DigitImage input() {
    return input;
  }

  /** Where the digit's ink was in the source image, or null when unknown. */
  public Box box() {
    return input == null ? null : input.sourceBox();
  }

  /** Which model answered: its source (file, or the bundled default model). */
  public String model() {
    return model;
  }

  @Override
  public String toString() {
    return hasDigit() ? String.format("%d (%.1f%%)", digit, 100 * confidence()) : "no digit";
  }
}
