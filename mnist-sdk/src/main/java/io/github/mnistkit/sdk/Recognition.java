package io.github.mnistkit.sdk;

import io.github.mnistkit.sdk.image.Box;
import io.github.mnistkit.sdk.image.DigitImage;
import java.util.Objects;

/**
 * The answer for one image: its {@link Verdict} (a digit, a digit the model is not sure of, ink
 * that is not a digit, or nothing), the digit and its probability, all ten digit probabilities, the
 * 28×28 input the model saw, and which model answered.
 *
 * <pre>{@code
 * switch (recognition.verdict()) {
 *   case DIGIT -> use(recognition.digit());
 *   case UNSURE -> askTheUser(recognition.digit(), recognition.confidence());
 *   case NOT_A_DIGIT, BLANK -> reportNoDigit();
 * }
 * }</pre>
 */
public final class Recognition {
  /** The value of {@link #digit()} when there is no digit (blank, or not a digit). */
  public static final int NO_DIGIT = -1;

  /** What the image held, as the model and the recognizer's confidence threshold judge it. */
  public enum Verdict {
    /** A digit whose confidence is at least the recognizer's threshold: this digit. */
    DIGIT,
    /** Most likely a digit, but with a confidence under the threshold: not sure. */
    UNSURE,
    /**
     * Ink that is not a digit: a letter, symbol, scribble, struck-out mark or picture. Only models
     * that can refuse ({@link ModelInfo#canRefuse()}) give it.
     */
    NOT_A_DIGIT,
    /** No ink: a blank page or empty canvas. */
    BLANK
  }

  private final Verdict verdict;
  private final int bestDigit;
  private final float[] digitProbabilities;
  private final float notADigitProbability;
  private final DigitImage input;
  private final String model;
  private final float threshold;

  /**
   * @param classProbabilities ten digit probabilities, optionally followed by the "not a digit"
   *     probability; null for a blank input
   * @param threshold confidence under which a digit answer is {@link Verdict#UNSURE}
   */
  Recognition(float[] classProbabilities, float threshold, DigitImage input, String model) {
    this.input = input;
    this.model = model;
    this.threshold = threshold;
    if (classProbabilities == null) {
      this.verdict = Verdict.BLANK;
      this.bestDigit = NO_DIGIT;
      this.digitProbabilities = null;
      this.notADigitProbability = 0f;
      return;
    }
    this.digitProbabilities = java.util.Arrays.copyOf(classProbabilities, 10);
    this.bestDigit = Softmax.argmax(digitProbabilities, 0, 10);
    this.notADigitProbability =
        classProbabilities.length > ModelMetadata.NOT_A_DIGIT_CLASS
            ? classProbabilities[ModelMetadata.NOT_A_DIGIT_CLASS]
            : 0f;
    float best = digitProbabilities[bestDigit];
    if (notADigitProbability > best) {
      this.verdict = Verdict.NOT_A_DIGIT;
    } else {
      this.verdict = best >= threshold ? Verdict.DIGIT : Verdict.UNSURE;
    }
  }

  static Recognition noDigit(DigitImage input, String model) {
    return new Recognition(null, 0f, input, model);
  }

  /**
   * The mean of the class probabilities of {@code first} and {@code second}, two answers of the
   * same model for two views of one image, with {@code first}'s input and threshold; {@code first}
   * itself when either is blank or another model answered {@code second}.
   */
  static Recognition averaged(Recognition first, Recognition second) {
    if (first.verdict == Verdict.BLANK
        || second.verdict == Verdict.BLANK
        || !Objects.equals(first.model, second.model)) {
      return first;
    }
    float[] mean = new float[ModelMetadata.NOT_A_DIGIT_CLASS + 1];
    for (int d = 0; d < 10; d++) {
      mean[d] = (first.digitProbabilities[d] + second.digitProbabilities[d]) / 2;
    }
    mean[ModelMetadata.NOT_A_DIGIT_CLASS] =
        (first.notADigitProbability + second.notADigitProbability) / 2;
    return new Recognition(mean, first.threshold, first.input, first.model);
  }

  /** The probability of the most likely class, a digit or "not a digit"; 0 for a blank image. */
  float topProbability() {
    return verdict == Verdict.BLANK
        ? 0f
        : Math.max(digitProbabilities[bestDigit], notADigitProbability);
  }

  /** What the image held; see {@link Verdict}. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * The recognised digit 0–9 (for {@link Verdict#DIGIT} and {@link Verdict#UNSURE}), or {@link
   * #NO_DIGIT} for a blank image or one that holds something other than a digit.
   */
  public int digit() {
    return hasDigit() ? bestDigit : NO_DIGIT;
  }

  /**
   * True when the answer is a digit, sure or not. False for a blank image, and for ink that is not
   * a digit (with a model that can refuse).
   */
  public boolean hasDigit() {
    return verdict == Verdict.DIGIT || verdict == Verdict.UNSURE;
  }

  /** True when the answer is a digit with a confidence at least the recognizer's threshold. */
  public boolean isSure() {
    return verdict == Verdict.DIGIT;
  }

  /** Probability of {@link #digit()}; 0 when there is no digit. */
  public float confidence() {
    return hasDigit() ? digitProbabilities[bestDigit] : 0f;
  }

  /** True when there is a digit and its probability is at least {@code threshold}. */
  public boolean isConfident(double threshold) {
    return hasDigit() && confidence() >= threshold;
  }

  /**
   * The ten digit probabilities (a copy); all zero for a blank image. With a model that can refuse
   * they sum to 1 − {@link #notADigitProbability()}, and show the closest digit even when the
   * verdict is {@link Verdict#NOT_A_DIGIT}.
   */
  public float[] probabilities() {
    return digitProbabilities == null ? new float[10] : digitProbabilities.clone();
  }

  /**
   * The probability that the ink is not a digit; 0 for a blank image and for models that cannot
   * refuse.
   */
  public float notADigitProbability() {
    return notADigitProbability;
  }

  /** The preprocessed 28×28 image the model saw, for debugging and display. */
  public DigitImage input() {
    return input;
  }

  /** Where the ink was in the source image, or null when unknown. */
  public Box box() {
    return input == null ? null : input.sourceBox();
  }

  /** Which model answered: its source (file, or the bundled default model). */
  public String model() {
    return model;
  }

  @Override
  public String toString() {
    return switch (verdict) {
      case DIGIT -> String.format("%d (%.1f%%)", bestDigit, 100 * confidence());
      case UNSURE -> String.format("%d? (%.1f%%, not sure)", bestDigit, 100 * confidence());
      case NOT_A_DIGIT -> String.format("not a digit (%.1f%%)", 100 * notADigitProbability);
      case BLANK -> "no digit";
    };
  }
}
