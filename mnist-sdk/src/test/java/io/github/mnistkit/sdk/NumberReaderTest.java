package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
          if (first.verdict() != Recognition.Verdict.BLANK
              && first.topProbability() < NumberReader.SECOND_OPINION_BELOW) {
            expected.add(asked.get(0).get(i).deskewed());
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

    Recognition other = new Recognition(b, 0.5f, null, "another model");
    Recognition first = new Recognition(a, 0.5f, input, "m");
    assertEquals(0, Recognition.averaged(first, other).digit());
    assertEquals(0, Recognition.averaged(first, Recognition.noDigit(input, "m")).digit());
  }
}
