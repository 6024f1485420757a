package io.github.mnistkit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  private static final IdxDataset IMAGES = Fixture.load().test().head(600);

  /** Every index of 0 … size-1 in exactly one part. */
  static void assertPartition(int size, int[][] parts) {
    int[] all = Arrays.stream(parts).flatMapToInt(IntStream::of).sorted().toArray();
    assertArrayEquals(
        IntStream.range(0, size).toArray(), all, "the parts are disjoint and cover the images");
  }

  @Test
  void heldOutPartHasTheShareOfEveryDigitAndIsSeeded() {
    int[][] parts = StratifiedSplit.indices(IMAGES, 7, DatasetSpec.FOLDER_TEST_SHARE);
    assertPartition(600, parts);
    int[] all = IMAGES.labelCounts();
    int[] test = IMAGES.select(parts[1]).labelCounts();
    for (int d = 0; d < 10; d++) {
      assertEquals(Math.round(all[d] / 6.0), test[d], "digit " + d);
    }
    assertTrue(
        Arrays.deepEquals(
            parts, StratifiedSplit.indices(IMAGES, 7, DatasetSpec.FOLDER_TEST_SHARE)));
    assertFalse(
        Arrays.deepEquals(
            parts, StratifiedSplit.indices(IMAGES, 8, DatasetSpec.FOLDER_TEST_SHARE)));
  }

  @Test
  void threePartsAreDisjointCoverTheImagesAndKeepTheProportions() {
    int[][] parts = StratifiedSplit.indices(IMAGES, 42, 0.2, 0.2);
    assertPartition(600, parts);
    int[] all = IMAGES.labelCounts();
    for (int part = 1; part <= 2; part++) {
      int[] counts = IMAGES.select(parts[part]).labelCounts();
      for (int d = 0; d < 10; d++) {
        assertEquals(Math.round(all[d] * 0.2), counts[d], "part " + part + ", digit " + d);
      }
    }
    for (int[] part : parts) {
      assertTrue(IntStream.range(1, part.length).allMatch(i -> part[i - 1] < part[i]), "ascending");
    }
  }

  @Test
  void smallDigitsAreInTheRestFirstThenInThePartsInOrder() {
    // digit 0: 1 image, digit 1: 2 images, digit 2: 3 images, digit 3: 20 images
    byte[] labels = new byte[26];
    Arrays.fill(labels, 0, 1, (byte) 0);
    Arrays.fill(labels, 1, 3, (byte) 1);
    Arrays.fill(labels, 3, 6, (byte) 2);
    Arrays.fill(labels, 6, 26, (byte) 3);
    IdxDataset images = IdxDataset.of(new byte[26 * IdxDataset.PIXELS], labels);
    IdxDataset[] parts = StratifiedSplit.split(images, 1, 0.2, 0.2);
    assertArrayEquals(new int[] {1, 1, 1, 12, 0, 0, 0, 0, 0, 0}, parts[0].labelCounts());
    assertArrayEquals(new int[] {0, 1, 1, 4, 0, 0, 0, 0, 0, 0}, parts[1].labelCounts());
    assertArrayEquals(new int[] {0, 0, 1, 4, 0, 0, 0, 0, 0, 0}, parts[2].labelCounts());
  }

  @Test
  void foldsAreDisjointBalancedAndStratified() {
    int[][] folds = StratifiedSplit.folds(IMAGES, 5, 3);
    assertPartition(600, folds);
    int[] all = IMAGES.labelCounts();
    for (int[] fold : folds) {
      assertEquals(120, fold.length);
      int[] counts = IMAGES.select(fold).labelCounts();
      for (int d = 0; d < 10; d++) {
        assertTrue(
            Math.abs(counts[d] - all[d] / 5.0) <= 1,
            "digit " + d + ": " + counts[d] + " of " + all[d]);
      }
    }
    assertTrue(Arrays.deepEquals(folds, StratifiedSplit.folds(IMAGES, 5, 3)));
    assertArrayEquals(
        IntStream.range(0, 600).filter(i -> Arrays.binarySearch(folds[0], i) < 0).toArray(),
        StratifiedSplit.complement(600, folds[0]));
  }

  @Test
  void sharesOutsideZeroOneAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> StratifiedSplit.indices(IMAGES, 1, 0.2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.folds(IMAGES, 1, 1));
  }
}
