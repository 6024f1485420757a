package io.github.mnistkit.trainer.eval;

import io.github.mnistkit.sdk.image.DigitImage;

/**
 * One wrongly recognised image: what the model saw, the true digit, its answer ({@link
 * Evaluation#NO_DIGIT} when it found none) and the probability it gave that answer.
 */
public record Mistake(DigitImage image, int label, int predicted, float confidence) {}
