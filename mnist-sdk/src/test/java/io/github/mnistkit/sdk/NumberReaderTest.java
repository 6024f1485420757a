package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.evaluation.EvaluationSets;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NumberReaderTest {
  @Test
  void unsurePiecesAreLookedAtAgainDeskewed() {
    EvaluationSets sets = EvaluationSets.fromMnistTestWithoutPictures(Fixtures.DIRECTORY);
    int secondLooks = 0;
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      for (EvaluationSets.Row row : sets.touchingRows(10, 32)) {
        List<List<DigitImage>> asked = new ArrayList<>();
        List<List<Recognition>> answered = new ArrayList<>();
        Function<List<DigitImage>, List<Recognition>> recording =
            pieces -> {
              List<Recognition> answers = recognizer.classify(pieces);
              asked.add(pieces);
              answered.add(answers);
              return answers;
            };
        new NumberReader(DigitPreprocessor.create(), recording).read(row.image());

        List<DigitImage> expected = new ArrayList<>();
        for (int i = 0; i < asked.get(0).size(); i++) {
          Recognition first = answered.get(0).get(i);
          DigitImage piece = asked.get(0).get(i);
          if (first.verdict() != Recognition.Verdict.BLANK
              && first.topProbability() < NumberReader.SECOND_OPINION_BELOW
              && piece.deskewed() != piece) {
            expected.add(piece.deskewed());
          }
        }
        if (!expected.isEmpty()) {
          assertEquals(expected, asked.get(1), row.text());
          secondLooks++;
        }
      }
    }
    assertTrue(secondLooks > 0, "no row of ten had an unsure piece: the test checked nothing");
  }

  @Test
  void eachUnsurePieceGetsTheMeanOfItsTwoAnswersAndSurePiecesKeepTheirs() {
    EvaluationSets sets = EvaluationSets.fromMnistTestWithoutPictures(Fixtures.DIRECTORY);
    DigitPreprocessor preprocessor = DigitPreprocessor.create();
    int averaged = 0;
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      NumberReader reader = new NumberReader(preprocessor, recognizer::classify);
      for (EvaluationSets.Row row : sets.touchingRows(5, 32)) {
        List<DigitImage> pieces = preprocessor.toRowCandidates(row.image()).pieces();
        List<Recognition> read = reader.classify(pieces);
        assertEquals(pieces.size(), read.size());
        for (int i = 0; i < pieces.size(); i++) {
          DigitImage piece = pieces.get(i);
          Recognition first = recognizer.classify(piece);
          boolean unsure =
              first.verdict() != Recognition.Verdict.BLANK
                  && first.topProbability() < NumberReader.SECOND_OPINION_BELOW
                  && piece.deskewed() != piece;
          Recognition expected =
              unsure ? Recognition.averaged(first, recognizer.classify(piece.deskewed())) : first;
          assertArrayEquals(expected.probabilities(), read.get(i).probabilities(), 1e-6f, "" + i);
          assertEquals(expected.verdict(), read.get(i).verdict(), "piece " + i);
          assertSame(piece, read.get(i).input(), "piece " + i);
          averaged += unsure ? 1 : 0;
        }
      }
    }
    assertTrue(averaged > 0, "no unsure piece in five rows: the test checked nothing");
  }

  @Test
  void averagingTwoAnswersKeepsTheFirstInputAndMeansTheProbabilities() {
    DigitImage input = DigitImage.ofPixels(new float[784]);
    float[] a = {0.6f, 0.3f, 0, 0, 0, 0, 0, 0, 0, 0, 0.1f};
    float[] b = {0.2f, 0.7f, 0, 0, 0, 0, 0, 0, 0, 0, 0.1f};
    Recognition mean =
        Recognition.averaged(
            new Recognition(a, 0.5f, input, "m"), new Recognition(b, 0.5f, null, "m"));
    assertEquals(0.4f, mean.probabilities()[0], 1e-6);
    assertEquals(0.5f, mean.probabilities()[1], 1e-6);
    assertEquals(1, mean.digit());
    assertEquals(Recognition.Verdict.DIGIT, mean.verdict());
    assertEquals(0.1f, mean.notADigitProbability(), 1e-6);
    assertEquals(input, mean.input());

    float[] tenA = java.util.Arrays.copyOf(a, 10);
    float[] tenB = java.util.Arrays.copyOf(b, 10);
    Recognition legacy =
        Recognition.averaged(
            new Recognition(tenA, 0.6f, input, "m"), new Recognition(tenB, 0.6f, null, "m"));
    assertEquals(0f, legacy.notADigitProbability());
    assertEquals(Recognition.Verdict.UNSURE, legacy.verdict(), "0.5 under the first's 0.6");
    assertEquals(1, legacy.digit());

    Recognition other = new Recognition(b, 0.5f, null, "another model");
    Recognition first = new Recognition(a, 0.5f, input, "m");
    assertEquals(0, Recognition.averaged(first, other).digit());
    assertEquals(0, Recognition.averaged(first, Recognition.noDigit(input, "m")).digit());
  }
}
