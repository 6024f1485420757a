package io.github.mnistkit.trainer.onnx;

import java.util.Locale;

/**
 * The self-check of an int8 export: the fp32 and the int8 model, both run through the SDK on the
 * same test images, and whether the int8 one passes the bar (top-1 agreement at least {@link
 * #MIN_AGREEMENT}, accuracy no more than {@link #MAX_ACCURACY_DROP} lower).
 *
 * @param images test images both models classified
 * @param agreement share of images where both give the same top-1 digit
 * @param fp32Accuracy fp32 top-1 accuracy on those images
 * @param int8Accuracy int8 top-1 accuracy on those images
 * @param meanProbabilityDifference mean over images of the largest |Δprobability| of any class
 * @param nonDigitImages generated non-digit images both classified (0 for a model that cannot
 *     refuse)
 * @param nonDigitAgreement share of them on which both give the same answer (refused, or the same
 *     digit)
 * @param calibration how the activation ranges were measured, e.g. "min/max on 1000 training
 *     images"
 * @param fp32Bytes size of the fp32 file
 * @param int8Bytes size of the int8 file
 */
public record Int8Check(
    int images,
    double agreement,
    double fp32Accuracy,
    double int8Accuracy,
    double meanProbabilityDifference,
    int nonDigitImages,
    double nonDigitAgreement,
    String calibration,
    long fp32Bytes,
    long int8Bytes) {
  public static final double MIN_AGREEMENT = 0.998;
  public static final double MAX_ACCURACY_DROP = 0.001;

  /** For models that can refuse: the least agreement on generated non-digits. */
  public static final double MIN_NON_DIGIT_AGREEMENT = 0.98;

  /** The fewest test images a check may rest on. */
  public static final int MIN_IMAGES = 1000;

  public boolean passes() {
    return images >= MIN_IMAGES
        && agreement >= MIN_AGREEMENT
        && fp32Accuracy - int8Accuracy <= MAX_ACCURACY_DROP + 1e-12
        && (nonDigitImages == 0 || nonDigitAgreement >= MIN_NON_DIGIT_AGREEMENT);
  }

  public double accuracyDrop() {
    return fp32Accuracy - int8Accuracy;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "int8 vs fp32 on %d test images: top-1 agreement %.2f%% (bar %.1f%%),"
            + " accuracy %.2f%% int8 vs %.2f%% fp32 (drop %.2f points, bar %.1f), mean max|Δp| %.2e;"
            + "%s %s; %.2f MB -> %.2f MB",
        images,
        100 * agreement,
        100 * MIN_AGREEMENT,
        100 * int8Accuracy,
        100 * fp32Accuracy,
        100 * accuracyDrop(),
        100 * MAX_ACCURACY_DROP,
        meanProbabilityDifference,
        nonDigitImages == 0
            ? ""
            : String.format(
                Locale.ROOT,
                " same answer on %.2f%% of %d generated non-digits (bar %.0f%%);",
                100 * nonDigitAgreement,
                nonDigitImages,
                100 * MIN_NON_DIGIT_AGREEMENT),
        calibration,
        fp32Bytes / 1e6,
        int8Bytes / 1e6);
  }
}
