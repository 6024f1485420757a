package io.github.mnistkit.trainer.onnx;

/**
 * How closely an ONNX file reproduces the DJL model on real images: the largest absolute difference
 * of any class probability, how many images got a different top class, and how many probabilities
 * were NaN or infinite (a diverged model, which never passes).
 */
public record Parity(
    int images, double maxProbabilityDifference, int argmaxMismatches, int nonFiniteValues) {
  /** The limit an export must stay under. */
  public static final double TOLERANCE = 1e-4;

  public boolean holds() {
    return images > 0
        && nonFiniteValues == 0
        && argmaxMismatches == 0
        && maxProbabilityDifference <= TOLERANCE;
  }

  @Override
  public String toString() {
    String text =
        String.format(
            "ONNX Runtime vs DJL on %d images: max |Δprobability| = %.3g (limit %.0e),"
                + " argmax mismatches = %d",
            images, maxProbabilityDifference, TOLERANCE, argmaxMismatches);
    return nonFiniteValues == 0
        ? text
        : text
            + ", "
            + nonFiniteValues
            + " probabilities not finite (NaN/Inf: did training diverge?)";
  }
}
