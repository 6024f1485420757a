package io.github.mnistkit.sdk;

import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.sdk.image.RowCandidates;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a row of digits by recognition-driven segmentation: all candidate digits of the row (pieces
 * of touching digits cut apart, broken pieces joined) are classified in one batch (those the
 * classifier is unsure of a second time, deskewed), and the reading whose digits the classifier and
 * the shape priors like best is kept ({@link RowCandidates}). A model that can refuse scores pieces
 * that are not a digit low (their digit probabilities are small), and pieces of the kept reading
 * that it refuses are reported apart from the digits.
 */
final class NumberReader {
  /**
   * Pieces whose most likely class (a digit or "not a digit") has less than this probability are
   * classified a second time, deskewed, and the two answers averaged.
   */
  static final float SECOND_OPINION_BELOW = 0.99f;

  private final DigitPreprocessor preprocessor;
  private final Function<List<DigitImage>, List<Recognition>> classifier;

  NumberReader(
      DigitPreprocessor preprocessor, Function<List<DigitImage>, List<Recognition>> classifier) {
    this.preprocessor = preprocessor;
    this.classifier = classifier;
  }

  DigitSequence read(BufferedImage image) {
    Reading first = firstPass(image);
    Set<Integer> refused = first.refusedPieces();
    return (refused.isEmpty() ? first : cutAgain(first, refused)).sequence();
  }

  /** The best reading of the row's first candidates, before refused pieces are cut again. */
  Reading firstPass(BufferedImage image) {
    RowCandidates candidates = preprocessor.toRowCandidates(image);
    return Reading.best(candidates, classify(candidates.pieces()));
  }

  private Reading cutAgain(Reading first, Set<Integer> refused) {
    RowCandidates refined = first.candidates().refine(refused);
    if (refined == first.candidates()) {
      return first;
    }
    return Reading.best(refined, refined.carryOver(first.recognitions(), this::classify));
  }

  /** Candidates, the answer for each, and the pieces of the best path through them. */
  record Reading(RowCandidates candidates, List<Recognition> recognitions, int[] path) {
    static Reading best(RowCandidates candidates, List<Recognition> recognitions) {
      return new Reading(
          candidates, recognitions, candidates.bestPath(probabilities(recognitions)));
    }

    Set<Integer> refusedPieces() {
      Set<Integer> refused = new HashSet<>();
      for (int index : path) {
        if (recognitions.get(index).verdict() == Recognition.Verdict.NOT_A_DIGIT) {
          refused.add(index);
        }
      }
      return refused;
    }

    DigitSequence sequence() {
      List<Recognition> digits = new ArrayList<>();
      List<Recognition> refused = new ArrayList<>();
      for (int index : path) {
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

  /**
   * The classifier's answers for {@code pieces}; where it is not sure (under {@value
   * #SECOND_OPINION_BELOW}), the mean of its answers for the piece and for the piece {@linkplain
   * DigitImage#deskewed deskewed}: two views of a slanted or squeezed digit cut from a row disagree
   * less often than one view errs.
   */
  List<Recognition> classify(List<DigitImage> pieces) {
    List<Recognition> first = classifier.apply(pieces);
    List<DigitImage> deskewed = new ArrayList<>();
    List<Integer> unsure = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      Recognition r = first.get(i);
      DigitImage piece = pieces.get(i);
      if (r.verdict() != Recognition.Verdict.BLANK && r.topProbability() < SECOND_OPINION_BELOW) {
        DigitImage upright = piece.deskewed();
        if (upright != piece) {
          deskewed.add(upright);
          unsure.add(i);
        }
      }
    }
    if (unsure.isEmpty()) {
      return first;
    }
    List<Recognition> second = classifier.apply(deskewed);
    List<Recognition> both = new ArrayList<>(first);
    for (int j = 0; j < unsure.size(); j++) {
      int i = unsure.get(j);
      both.set(i, Recognition.averaged(first.get(i), second.get(j)));
    }
    return both;
  }

  private static List<float[]> probabilities(List<Recognition> recognitions) {
    List<float[]> probabilities = new ArrayList<>(recognitions.size());
    for (Recognition r : recognitions) {
      probabilities.add(r.verdict() == Recognition.Verdict.BLANK ? null : r.probabilities());
    }
    return probabilities;
  }
}
