package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.evaluation.EvaluationSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowCandidatesTest {
  @Test
  void carryOverKeepsTheAnswersOfUnchangedPiecesAndAsksOnceForTheNewOnes() {
    EvaluationSets sets =
        EvaluationSets.fromMnistTestWithoutPictures(
            Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist")));
    RowCandidates first =
        DigitPreprocessor.create().toRowCandidates(sets.touchingRows(40, 32).get(18).image());
    Set<Integer> all =
        IntStream.range(0, first.pieces().size()).boxed().collect(Collectors.toSet());
    RowCandidates refined = first.refine(all);
    assertNotSame(first, refined, "a touching row has pieces wide enough to cut again");

    // the "answer" for a piece is the piece itself: each answer must land on its own piece
    List<List<DigitImage>> asked = new ArrayList<>();
    List<DigitImage> answers =
        refined.carryOver(
            first.pieces(),
            fresh -> {
              asked.add(fresh);
              return fresh;
            });

    assertEquals(1, asked.size(), "the new pieces are classified in one call");
    assertEquals(refined.pieces().size(), answers.size());
    int kept = 0;
    for (int k = 0; k < answers.size(); k++) {
      assertSame(refined.pieces().get(k), answers.get(k), "piece " + k);
      kept += first.pieces().contains(refined.pieces().get(k)) ? 1 : 0;
    }
    assertEquals(refined.pieces().size() - asked.get(0).size(), kept);
    assertTrue(
        kept > 0 && !asked.get(0).isEmpty(), kept + " kept, " + asked.get(0).size() + " new");
  }
}
