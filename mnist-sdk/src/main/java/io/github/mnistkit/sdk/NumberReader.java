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
 * whose digits the classifier and the shape priors like best is kept ({@link RowCandidates}).
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
      probabilities.add(r.hasDigit() ? r.probabilities() : null);
    }
    List<Recognition> digits = new ArrayList<>();
    for (int index : candidates.bestPath(probabilities)) {
      if (recognitions.get(index).hasDigit()) {
        digits.add(recognitions.get(index));
      }
    }
    return new DigitSequence(digits);
  }
}
