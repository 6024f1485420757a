package io.github.mnistkit.sdk;

import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.sdk.image.RowCandidates;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a row of digits by recognition-driven segmentation: all candidate digits of the row (pieces
 * of touching digits cut apart, broken pieces joined) are classified in one batch, and the reading
 * whose digits the classifier and the shape priors like best is kept ({@link RowCandidates}). A
 * model that can refuse scores pieces that are not a digit low (their digit probabilities are
 * small), and pieces of the kept reading that it refuses are reported apart from the digits.
 */
final class NumberReader {
  private final DigitPreprocessor preprocessor;
  private final Function<List<DigitImage>, List<Recognition>> classifier;

  NumberReader(
      DigitPreprocessor preprocessor, Function<List<DigitImage>, List<Recognition>> classifier) {
    this.preprocessor = preprocessor;
    this.classifier = classifier;
  }

  DigitSequence read(BufferedImage image) {
    RowCandidates candidates = preprocessor.toRowCandidates(image);
    List<Recognition> recognitions = classifier.apply(candidates.pieces());
    List<float[]> probabilities = new ArrayList<>(recognitions.size());
    for (Recognition r : recognitions) {
      probabilities.add(r.verdict() == Recognition.Verdict.BLANK ? null : r.probabilities());
    }
    List<Recognition> digits = new ArrayList<>();
    List<Recognition> refused = new ArrayList<>();
    for (int index : candidates.bestPath(probabilities)) {
      Recognition r = recognitions.get(index);
      if (r.hasDigit()) {
        digits.add(r);
      } else if (r.verdict() == Recognition.Verdict.NOT_A_DIGIT) {
        refused.add(r);
      }
    }
    return new DigitSequence(digits, refused);
  }
}
