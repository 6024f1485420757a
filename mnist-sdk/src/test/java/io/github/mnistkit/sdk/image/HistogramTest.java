package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void binIsMathRoundClampedForEveryKindOfLevel() {
    float[] edges = {
      Float.NaN,
      Float.NEGATIVE_INFINITY,
      Float.POSITIVE_INFINITY,
      -Float.MAX_VALUE,
      Float.MAX_VALUE,
      -0f,
      0f,
      Float.MIN_VALUE,
      0.49999997f,
      0.5f,
      0.50000006f,
      1.4999999f,
      1.5f,
      254.49998f,
      254.5f,
      255f,
      255.49998f,
      255.5f,
      255.50002f,
      256f,
      -0.5f,
      -0.49999997f,
      -1.5f,
      1e9f
    };
    for (float level : edges) {
      assertEquals(reference(level), Histogram.bin(level), "level " + level);
    }
    for (int i = 0; i <= 256 * 4; i++) { // every quarter level, and the floats either side
      float level = i / 4f;
      for (float v : new float[] {Math.nextDown(level), level, Math.nextUp(level)}) {
        assertEquals(reference(v), Histogram.bin(v), "level " + v);
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 1_000_000; i++) {
      float level = random.nextFloat() * 300f - 20f;
      assertEquals(reference(level), Histogram.bin(level), "level " + level);
    }
  }

  @Test
  void countAboveCountsTheValuesBinnedAboveALevel() {
    Random random = new Random(3);
    float[] levels = new float[5000];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = random.nextFloat() * 270f - 5f;
    }
    Histogram histogram = Histogram.of(levels);
    for (int split = -1; split <= 256; split++) {
      int expected = 0;
      for (float v : levels) {
        expected += Histogram.bin(v) > split ? 1 : 0;
      }
      assertEquals(expected, histogram.countAbove(split), "above " + split);
    }
  }

  private static int reference(float level) {
    int b = Math.round(level);
    return b < 0 ? 0 : Math.min(b, 255);
  }
}
