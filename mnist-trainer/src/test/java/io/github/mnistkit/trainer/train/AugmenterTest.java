package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmenterTest {
  private static final int PIXELS = 784;
  private static final int DIGITS = 300;
  private static final int DRAWS = 4;

  @Test
  void everyOutputIsNormalisedLikeInference() {
    IdxDataset train = Fixture.load().train();
    float[] src = new float[PIXELS];
    float[] dst = new float[PIXELS];
    Random random = new Random(7);
    for (int i = 0; i < DIGITS; i++) {
      train.copyImage(i, src, 0);
      for (int draw = 0; draw < DRAWS; draw++) {
        Augmenter.distort(src, 0, dst, 0, random);
        String what = "image " + i + " draw " + draw;
        int[] box = InkShape.box(dst);
        int longer = Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1);
        assertTrue(longer >= 19 && longer <= 21, what + ": longer side " + longer);
        double[] centre = InkShape.centreOfMass(dst);
        assertEquals(14.0, centre[0], 1.0, what + ": centre x");
        assertEquals(14.0, centre[1], 1.0, what + ": centre y");
      }
    }
  }

  @Test
  void squeezeToHalfGivesABoxHalfAsWideAsTall() {
    float[] square = new float[PIXELS];
    for (int y = 4; y < 24; y++) {
      Arrays.fill(square, y * 28 + 4, y * 28 + 24, 1f);
    }
    float[] dst = new float[PIXELS];
    Augmenter.distort(square, 0.5, 0, 0, dst);
    int[] box = InkShape.box(dst);
    assertEquals(20, box[3] - box[1] + 1, "height");
    assertEquals(10, box[2] - box[0] + 1, 1, "width");
  }

  @Test
  void squeezedDigitsStayTallAndGetNarrower() {
    IdxDataset train = Fixture.load().train();
    float[] src = new float[PIXELS];
    float[] dst = new float[PIXELS];
    for (int i = 0; i < 50; i++) {
      train.copyImage(i, src, 0);
      int[] before = InkShape.box(src);
      Augmenter.distort(src, 0.5, 0, 0, dst);
      int[] after = InkShape.box(dst);
      double ratioBefore = (before[2] - before[0] + 1.0) / (before[3] - before[1] + 1);
      double ratioAfter = (after[2] - after[0] + 1.0) / (after[3] - after[1] + 1);
      assertTrue(after[3] - after[1] + 1 >= 19, "image " + i + " height " + (after[3] - after[1]));
      assertEquals(ratioBefore / 2, ratioAfter, 0.15, "image " + i + " width/height");
    }
  }

  @Test
  void sameSeedSameOutputOtherSeedOtherOutput() {
    float[] src = new float[PIXELS];
    Fixture.load().train().copyImage(0, src, 0);
    float[] first = new float[PIXELS * 20];
    float[] second = new float[PIXELS * 20];
    float[] other = new float[PIXELS * 20];
    Random a = new Random(42);
    Random b = new Random(42);
    Random c = new Random(43);
    for (int i = 0; i < 20; i++) {
      Augmenter.distort(src, 0, first, i * PIXELS, a);
      Augmenter.distort(src, 0, second, i * PIXELS, b);
      Augmenter.distort(src, 0, other, i * PIXELS, c);
    }
    assertArrayEquals(first, second);
    assertFalse(Arrays.equals(first, other));
  }

  @Test
  void valuesStayInUnitRangeWithoutNaNAndInkIsKept() {
    IdxDataset train = Fixture.load().train();
    float[] src = new float[PIXELS];
    float[] dst = new float[PIXELS];
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      train.copyImage(i, src, 0);
      Augmenter.distort(src, 0, dst, 0, random);
      float max = 0f;
      for (float v : dst) {
        assertTrue(v >= 0f && v <= 1f, "image " + i + " value " + v);
        max = Math.max(max, v);
      }
      assertEquals(1f, max, 1e-6f, "image " + i + " peak");
    }
  }

  @Test
  void blankImageStaysBlank() {
    float[] dst = new float[PIXELS];
    Arrays.fill(dst, 0.5f);
    Augmenter.distort(new float[PIXELS], 0, dst, 0, new Random(1));
    assertArrayEquals(new float[PIXELS], dst);
  }
}
