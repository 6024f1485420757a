package io.github.mnistkit.trainer.data;

import static io.github.mnistkit.trainer.data.SegmentationMistakes.Mistake.NONE;
import static io.github.mnistkit.trainer.data.SegmentationMistakes.Mistake.PART_OF_ONE;
import static io.github.mnistkit.trainer.data.SegmentationMistakes.Mistake.TWO_DIGITS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.Box;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.trainer.Fixture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonDigitImagesTest {
  private static final IdxDataset DIGITS = Fixture.load().train();

  /** Stand-ins for Fashion-MNIST, which CI does not have: filled and hollow boxes and discs. */
  private static final IdxDataset PICTURES = shapes(12);

  @Test
  void generatesTheRequestedCountOfNonBlankNotADigitImages() {
    IdxDataset images = NonDigitImages.generate(DIGITS, PICTURES, 45, 1);

    assertEquals(45, images.size());
    for (int i = 0; i < images.size(); i++) {
      assertEquals(NonDigitImages.LABEL, images.label(i), "label of image " + i);
      assertTrue(ink(images.imageBytes(i)) > 0, "image " + i + " holds ink");
    }
    int[] counts = images.labelCounts();
    assertEquals(11, counts.length);
    assertEquals(45, counts[NonDigitImages.LABEL]);
  }

  @Test
  void negativesAreSplitLikeAnyDigit() {
    IdxDataset mixed = DIGITS.head(200).concat(NonDigitImages.generate(DIGITS, null, 40, 9));
    IdxDataset[] parts = StratifiedSplit.split(mixed, 3, 0.25);

    assertEquals(30, parts[0].labelCounts()[NonDigitImages.LABEL]);
    assertEquals(10, parts[1].labelCounts()[NonDigitImages.LABEL]);
    assertEquals(10, DIGITS.head(200).labelCounts().length, "digit-only sets keep 10 counts");
  }

  @Test
  void worksWithoutPictures() {
    IdxDataset images = NonDigitImages.generate(DIGITS, null, 24, 2);

    assertEquals(24, images.size());
    for (int i = 0; i < images.size(); i++) {
      assertTrue(ink(images.imageBytes(i)) > 0, "image " + i + " holds ink");
    }
    assertFalse(NonDigitImages.kinds(false).contains(NonDigitImages.Kind.PICTURE));
    assertEquals(
        List.of(NonDigitImages.Kind.values()), NonDigitImages.kinds(true), "all kinds take turns");
    assertThrows(
        IllegalArgumentException.class,
        () -> NonDigitImages.generate(NonDigitImages.Kind.PICTURE, DIGITS, null, 1, 1));
  }

  @Test
  void sameSeedSameImagesOtherSeedOtherImages() {
    IdxDataset a = NonDigitImages.generate(DIGITS, PICTURES, 27, 7);
    IdxDataset b = NonDigitImages.generate(DIGITS, PICTURES, 27, 7);
    IdxDataset c = NonDigitImages.generate(DIGITS, PICTURES, 27, 8);

    int differing = 0;
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.imageBytes(i), b.imageBytes(i), "image " + i + " with the same seed");
      differing += Arrays.equals(a.imageBytes(i), c.imageBytes(i)) ? 0 : 1;
    }
    assertEquals(27, differing, "every image differs with another seed");
  }

  @Test
  void everyKindProducesDistinctNonBlankImages() {
    for (NonDigitImages.Kind kind : NonDigitImages.Kind.values()) {
      IdxDataset images = NonDigitImages.generate(kind, DIGITS, PICTURES, 6, 3);
      assertEquals(6, images.size(), kind.name());
      for (int i = 0; i < images.size(); i++) {
        assertTrue(ink(images.imageBytes(i)) > 0, kind + " image " + i + " holds ink");
        for (int j = 0; j < i; j++) {
          assertFalse(
              Arrays.equals(images.imageBytes(i), images.imageBytes(j)),
              kind + " images " + j + " and " + i + " are different");
        }
      }
    }
  }

  @Test
  void kindsLookDifferent() {
    // a blot is mostly ink; hatching and letters are strokes with paper between them
    double blots = meanInk(NonDigitImages.generate(NonDigitImages.Kind.BLOT, DIGITS, null, 30, 4));
    double letters =
        meanInk(NonDigitImages.generate(NonDigitImages.Kind.LETTER, DIGITS, null, 30, 4));
    double hatching =
        meanInk(NonDigitImages.generate(NonDigitImages.Kind.HATCHING, DIGITS, null, 30, 4));
    assertTrue(blots > 1.5 * letters, "blots " + blots + " vs letters " + letters);
    assertTrue(blots > 1.3 * hatching, "blots " + blots + " vs hatching " + hatching);
  }

  @Test
  void gluedPairsAreWiderThanTallMoreOftenThanSingleDigits() {
    IdxDataset pairs = NonDigitImages.generate(NonDigitImages.Kind.GLUED_PAIR, DIGITS, null, 60, 5);
    double pairShare = wideShare(pairs);
    double digitShare = wideShare(DIGITS.head(600));

    assertTrue(
        pairShare >= digitShare + 0.5,
        "wide ink boxes: " + pairShare + " of glued pairs, " + digitShare + " of single digits");
  }

  @Test
  void segmentPiecesAreTwoDigitsOrClearlyPartOfOne() {
    double[] lefts = {10, 60, 80, 130};
    double[] rights = {50, 70, 120, 170};
    float[][] inks = new float[4][200 * 60];
    for (int i = 0; i < 4; i++) {
      for (int y = 5; y < 45; y++) {
        Arrays.fill(inks[i], y * 200 + (int) lefts[i], y * 200 + (int) rights[i], 1f);
      }
    }
    SegmentationMistakes.Row row =
        new SegmentationMistakes.Row(
            new BufferedImage(200, 60, BufferedImage.TYPE_INT_RGB),
            new int[] {4, 1, 8, 2},
            lefts,
            rights,
            inks);

    assertEquals(TWO_DIGITS, judge(row, 10, 65, 0.5, 1, 0.6, 0, 0), "a 4 and most of the 1");
    assertEquals(TWO_DIGITS, judge(row, 62, 100, 0.5, 0, 0.45, 0.5, 0), "a 1 and half an 8");
    assertEquals(PART_OF_ONE, judge(row, 12, 28, 0.5, 0.3, 0, 0, 0), "the left part of the 4");
    assertEquals(PART_OF_ONE, judge(row, 12, 28, 0.5, 0.3, 0.02, 0, 0), "... and a speck of the 1");
    assertEquals(NONE, judge(row, 12, 28, 0.5, 0.5, 0, 0, 0), "half of a 4's ink may be a 4");
    assertEquals(NONE, judge(row, 12, 32, 0.5, 0.3, 0, 0, 0), "half of its width too");
    assertEquals(NONE, judge(row, 12, 28, 0.95, 0.3, 0, 0, 0), "a straight stroke is a 1");
    assertEquals(NONE, judge(row, 12, 18, 0.5, 0.1, 0, 0, 0), "a fragment is a blur");
    assertEquals(
        NONE,
        SegmentationMistakes.judge(
            new double[] {0.3, 0, 0, 0},
            new double[] {1, 0, 0, 0},
            new Box(12, 5, 16, 25),
            row,
            0.5),
        "so is a short piece");
    assertEquals(NONE, judge(row, 10, 50, 0.5, 1, 0, 0, 0), "the whole 4 is a digit");
    assertEquals(NONE, judge(row, 10, 62, 0.5, 1, 0.1, 0, 0), "a 4 and a sliver of the 1");
    assertEquals(NONE, judge(row, 10, 66, 0.5, 1, 0.35, 0, 0), "a 4 and the tip of the 1");
    assertEquals(
        NONE,
        SegmentationMistakes.judge(
            new double[] {0, 0.6, 0, 0.9},
            new double[] {0, 0.05, 0, 0.95},
            new Box(60, 5, 110, 40),
            row,
            0.5),
        "a 1 hidden under a 2's strokes is not seen");
    assertEquals(NONE, judge(row, 60, 65, 0.5, 0, 0.3, 0, 0), "part of a 1 is still a 1");
    assertEquals(NONE, judge(row, 100, 116, 0.5, 0, 0, 0.3, 0), "the right of an 8 is a 3");
    assertEquals(NONE, judge(row, 150, 166, 0.5, 0, 0, 0, 0.3), "the right of a 2 is a 7");
  }

  @Test
  void coverageCountsTheInkEachPieceTook() {
    byte[] four = digit(4);
    byte[] nine = digit(9);
    int[] box = InkLayer.inkBox(four);
    double scale = 2.5;
    double width4 = (box[2] - box[0] + 1) * scale;

    SegmentationMistakes.Row apart = row(four, nine, 20, 20 + width4 + 60, scale);
    boolean[] whole = new boolean[2];
    for (DigitImage piece : DigitPreprocessor.create().toRowCandidates(apart.image()).pieces()) {
      double[] coverage = SegmentationMistakes.coverage(piece, apart);
      assertTrue(Math.min(coverage[0], coverage[1]) < 0.02, "far apart: never both");
      for (int k = 0; k < 2; k++) {
        if (coverage[k] > 0.9) {
          whole[k] = true;
          assertEquals(NONE, SegmentationMistakes.mistake(piece, apart), "a whole digit");
        }
      }
    }
    assertArrayEquals(new boolean[] {true, true}, whole, "each digit is one candidate");

    SegmentationMistakes.Row touching = row(four, nine, 20, 20 + width4 * 0.9, scale);
    int pairs = 0;
    for (DigitImage piece : DigitPreprocessor.create().toRowCandidates(touching.image()).pieces()) {
      double[] coverage = SegmentationMistakes.coverage(piece, touching);
      SegmentationMistakes.Mistake mistake = SegmentationMistakes.mistake(piece, touching);
      if (Math.min(coverage[0], coverage[1]) >= 0.5) {
        pairs++;
        assertEquals(TWO_DIGITS, mistake, Arrays.toString(coverage));
      } else if (Math.max(coverage[0], coverage[1]) > 0.9) {
        assertEquals(NONE, mistake, "a digit and a sliver: " + Arrays.toString(coverage));
      }
    }
    assertTrue(pairs > 0, "some candidates hold most of both touching digits");
  }

  @Test
  void segmentPiecesComeFromTheRowSegmenterAndAreNotStraightStrokes() {
    SegmentationMistakes mistakes = new SegmentationMistakes(DIGITS, DigitPreprocessor.create());
    Random random = new Random(6);
    int found = 0;
    for (int row = 0; row < 20; row++) {
      for (DigitImage piece : mistakes.fromRow(random)) {
        found++;
        assertNotNull(piece.sourceBox(), "a piece knows where it was in the row");
        assertFalse(piece.isBlank());
      }
    }
    assertTrue(found >= 20, "found " + found + " mistakes in 20 rows");
  }

  @Test
  void straightnessTellsAStrokeFromOtherShapes() {
    float[] stroke = new float[DigitImage.PIXELS];
    float[] ring = new float[DigitImage.PIXELS];
    float[] corner = new float[DigitImage.PIXELS];
    for (int y = 4; y < 24; y++) {
      int x = 10 + (y - 4) / 3; // a slanted stroke
      stroke[y * 28 + x] = 1;
      stroke[y * 28 + x + 1] = 1;
      corner[y * 28 + 6] = 1;
      corner[23 * 28 + y] = 1;
    }
    stroke[20 * 28 + 20] = 1; // a speck beside the stroke
    for (int a = 0; a < 360; a++) {
      int x = (int) Math.round(14 + 8 * Math.cos(Math.toRadians(a)));
      int y = (int) Math.round(14 + 9 * Math.sin(Math.toRadians(a)));
      ring[y * 28 + x] = 1;
    }
    double max = SegmentationMistakes.MAX_STRAIGHTNESS;
    assertTrue(SegmentationMistakes.straightness(DigitImage.ofPixels(stroke)) >= max);
    assertTrue(SegmentationMistakes.straightness(DigitImage.ofPixels(ring)) < max);
    assertTrue(SegmentationMistakes.straightness(DigitImage.ofPixels(corner)) < max);
  }

  @Test
  void fashionIsReadWhereInstalledAndNullWhereNot(@TempDir Path empty) {
    assertNull(NonDigitImages.fashionTrainIn(empty));
    IdxDataset read = NonDigitImages.fashionTrainIn(Fixture.DIRECTORY);
    assertEquals(DIGITS.size(), read.size(), "reads the train split of an IDX folder");
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> NonDigitImages.generate(DIGITS, null, -1, 1));
    assertThrows(NullPointerException.class, () -> NonDigitImages.generate(null, null, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> NonDigitImages.generate(DIGITS.head(0), null, 1, 1));
    assertEquals(0, NonDigitImages.generate(DIGITS, null, 0, 1).size());
  }

  @Test
  void contactSheetHasARowPerKind() {
    BufferedImage sheet = NonDigitContactSheet.sheet(DIGITS, null, 3, 1);
    BufferedImage withPictures = NonDigitContactSheet.sheet(DIGITS, PICTURES, 3, 1);
    assertEquals(8 * withPictures.getHeight(), 9 * sheet.getHeight());
  }

  private static SegmentationMistakes.Mistake judge(
      SegmentationMistakes.Row row, int left, int right, double straightness, double... coverage) {
    double sum = Arrays.stream(coverage).sum();
    double[] shares = Arrays.stream(coverage).map(c -> c / sum).toArray();
    return SegmentationMistakes.judge(
        coverage, shares, new Box(left, 5, right - left, 40), row, straightness);
  }

  private static byte[] digit(int label) {
    for (int i = 0; ; i++) {
      if (DIGITS.label(i) == label) {
        return DIGITS.imageBytes(i);
      }
    }
  }

  private static SegmentationMistakes.Row row(
      byte[] first, byte[] second, double left1, double left2, double scale) {
    int width = (int) (left2 + 28 * scale + 20);
    int height = (int) (28 * scale + 20);
    InkLayer all = new InkLayer(width, height);
    float[][] inks = new float[2][];
    double[] lefts = {left1, left2};
    double[] rights = new double[2];
    byte[][] digits = {first, second};
    for (int i = 0; i < 2; i++) {
      InkLayer own = new InkLayer(width, height);
      rights[i] = own.stamp(digits[i], lefts[i], 10, scale, scale)[1];
      inks[i] = own.ink;
      for (int p = 0; p < own.ink.length; p++) {
        all.ink[p] = Math.max(all.ink[p], own.ink[p]);
      }
    }
    return new SegmentationMistakes.Row(
        all.render(0xFFFFFF, 0x202020), new int[] {4, 9}, lefts, rights, inks);
  }

  private static int ink(byte[] image) {
    int sum = 0;
    for (byte b : image) {
      sum += b & 0xFF;
    }
    return sum;
  }

  private static double meanInk(IdxDataset images) {
    double sum = 0;
    for (int i = 0; i < images.size(); i++) {
      sum += ink(images.imageBytes(i));
    }
    return sum / images.size();
  }

  /** The share of images whose ink box is wider than tall. */
  private static double wideShare(IdxDataset images) {
    int wide = 0;
    for (int i = 0; i < images.size(); i++) {
      int[] box = InkLayer.inkBox(images.imageBytes(i));
      wide += box[2] - box[0] > box[3] - box[1] ? 1 : 0;
    }
    return (double) wide / images.size();
  }

  private static IdxDataset shapes(int count) {
    byte[] pixels = new byte[count * IdxDataset.PIXELS];
    Random random = new Random(11);
    for (int n = 0; n < count; n++) {
      int x0 = 2 + random.nextInt(6);
      int y0 = 2 + random.nextInt(6);
      int x1 = 20 + random.nextInt(6);
      int y1 = 20 + random.nextInt(6);
      boolean disc = n % 2 == 0;
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          double dx = (x - (x0 + x1) / 2.0) / ((x1 - x0) / 2.0);
          double dy = (y - (y0 + y1) / 2.0) / ((y1 - y0) / 2.0);
          if (!disc || dx * dx + dy * dy <= 1) {
            pixels[n * IdxDataset.PIXELS + y * 28 + x] = (byte) (120 + random.nextInt(120));
          }
        }
      }
    }
    return IdxDataset.of(pixels, new byte[count]);
  }
}
