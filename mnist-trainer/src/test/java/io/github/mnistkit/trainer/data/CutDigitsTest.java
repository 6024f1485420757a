package io.github.mnistkit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.Box;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.trainer.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CutDigitsTest {
  private static final IdxDataset DIGITS = Fixture.load().train();

  @Test
  void aDigitWithASliverOfItsNeighbourIsThatDigit() {
    assertEquals(0, CutDigits.digitOf(new double[] {0.95, 0.12}, new double[] {0.88, 0.12}));
    assertEquals(1, CutDigits.digitOf(new double[] {0.05, 0.86}, new double[] {0.1, 0.9}));
  }

  @Test
  void aDigitMissingALittleOfItselfIsThatDigit() {
    assertEquals(0, CutDigits.digitOf(new double[] {0.9, 0.0}, new double[] {1.0, 0.0}));
    assertEquals(0, CutDigits.digitOf(new double[] {0.99, 0.05}, new double[] {0.95, 0.05}));
  }

  @Test
  void plainDigitsPairsAndPartsAreNotCutDigits() {
    assertEquals(-1, CutDigits.digitOf(new double[] {1.0, 0.0}, new double[] {1.0, 0.0}), "plain");
    assertEquals(-1, CutDigits.digitOf(new double[] {0.9, 0.9}, new double[] {0.5, 0.5}), "pair");
    assertEquals(-1, CutDigits.digitOf(new double[] {0.6, 0.0}, new double[] {1.0, 0.0}), "part");
    assertEquals(
        -1, CutDigits.digitOf(new double[] {0.9, 0.4}, new double[] {0.7, 0.3}), "too much of two");
  }

  @Test
  void everyPieceLiesOnTheDigitItIsLabelledWith() {
    SegmentationMistakes rows = new SegmentationMistakes(DIGITS, DigitPreprocessor.create());
    int pieces = 0;
    for (int seed = 0; seed < 30; seed++) {
      // the same seed lays out the same row again, to compare the pieces with its digits
      SegmentationMistakes.Row row = rows.layOut(new Random(seed));
      for (CutDigits.Labelled piece : CutDigits.fromRow(rows, new Random(seed))) {
        pieces++;
        Box box = piece.image().sourceBox();
        int best = -1;
        double most = 0;
        for (int i = 0; i < row.labels().length; i++) {
          double overlap =
              Math.min(box.right(), row.rights()[i]) - Math.max(box.x(), row.lefts()[i]);
          if (overlap > most) {
            most = overlap;
            best = i;
          }
        }
        assertTrue(best >= 0, "row " + seed + ": piece at " + box + " lies on no digit");
        assertEquals(row.labels()[best], piece.label(), "row " + seed + ", piece at " + box);
      }
    }
    assertTrue(pieces >= 20, "found " + pieces + " cut digits in 30 rows");
  }

  @Test
  void generatesTheRequestedCountOfDigitLabels() {
    IdxDataset images = CutDigits.generate(DIGITS, 40, 3);

    assertEquals(40, images.size());
    int[] counts = images.labelCounts();
    assertEquals(10, counts.length, "digits only, no 'not a digit' label");
    int classes = 0;
    for (int count : counts) {
      classes += count > 0 ? 1 : 0;
    }
    assertTrue(classes >= 6, "labels spread over " + classes + " digits");
    for (int i = 0; i < images.size(); i++) {
      int ink = 0;
      for (byte b : images.imageBytes(i)) {
        ink += b & 0xFF;
      }
      assertTrue(ink > 0, "image " + i + " holds ink");
    }
  }

  @Test
  void theBundledModelReadsDigitsCutFromRowsOfTestDigits() {
    // 9.1% of such pieces (from the full MNIST test set) were refused by the bundled model trained
    // without them (34 of these 400), 1.8% by the one trained with them (CutDigitReading)
    IdxDataset pieces = CutDigits.generate(Fixture.load().test(), 400, 11);
    List<DigitImage> images = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      images.add(DigitImage.ofMnistBytes(pieces.imageBytes(i)));
    }
    int refused = 0;
    int right = 0;
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      List<Recognition> answers = recognizer.classify(images);
      for (int i = 0; i < answers.size(); i++) {
        refused += answers.get(i).verdict() == Recognition.Verdict.NOT_A_DIGIT ? 1 : 0;
        right += answers.get(i).digit() == pieces.label(i) ? 1 : 0;
      }
    }
    assertTrue(refused <= 12, refused + " of 400 cut digits refused");
    assertTrue(right >= 376, right + " of 400 cut digits read right");
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> CutDigits.generate(DIGITS, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> CutDigits.generate(DIGITS.head(0), 5, 1));
  }
}
