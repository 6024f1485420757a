package io.github.mnistkit.trainer.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Wilson intervals and McNemar p-values against independently computed values (closed forms, exact
 * binomial sums).
 */
class StatisticsTest {
  @Test
  void wilsonIntervalMatchesKnownValues() {
    // 60 of 60: the lower end is n / (n + z²) = 60 / 63.8415
    Proportion all = new Proportion(60, 60);
    assertEquals(0.939828, all.low(), 1e-6);
    assertEquals(1.0, all.high(), 1e-12);
    assertEquals("100.00% (95% CI 94.0–100.0%) on 60 images", all.toString());
    // 8 of 10 (as prop.test(8, 10, correct = FALSE) in R)
    Proportion eight = new Proportion(8, 10);
    assertEquals(0.4901625, eight.low(), 1e-6);
    assertEquals(0.9433178, eight.high(), 1e-6);
    // 0 of 10: upper end z² / (n + z²) = 3.8415 / 13.8415
    assertEquals(0.0, new Proportion(0, 10).low(), 1e-12);
    assertEquals(0.2775328, new Proportion(0, 10).high(), 1e-6);
    // 9,951 of 10,000 (the bundled model on MNIST)
    assertEquals(0.993528, new Proportion(9951, 10000).low(), 1e-6);
    assertEquals(0.996291, new Proportion(9951, 10000).high(), 1e-6);
    assertTrue(Double.isNaN(new Proportion(0, 0).value()));
    assertEquals("n/a (no images)", new Proportion(0, 0).toString());
    assertThrows(IllegalArgumentException.class, () -> new Proportion(3, 2));
  }

  @Test
  void mcNemarExactOneSidedPMatchesBinomialTails() {
    assertEquals(1.0, McNemar.oneSidedP(0, 0), 0);
    assertEquals(1 / 32.0, McNemar.oneSidedP(5, 0), 1e-12); // the fewest gains that pass at 0.05
    assertEquals(1 / 16.0, McNemar.oneSidedP(4, 0), 1e-12);
    assertEquals(9 / 256.0, McNemar.oneSidedP(7, 1), 1e-12); // (C(8,7) + C(8,8)) / 2^8
    assertEquals(79 / 4096.0, McNemar.oneSidedP(10, 2), 1e-12); // (66 + 12 + 1) / 2^12
    assertEquals(0.5, McNemar.oneSidedP(2, 1), 1e-12); // (3 + 1) / 8
    assertEquals(1.0, McNemar.oneSidedP(0, 7), 1e-12);
    // sum of C(100, i) / 2^100 for i >= 60 (binom.test(60, 100, alternative = "greater") in R)
    assertEquals(0.02844397, McNemar.oneSidedP(60, 40), 1e-8);
    // thousands of images: no overflow, a tie is p ≈ 0.5
    assertEquals(0.5, McNemar.oneSidedP(5000, 5000), 0.01);
    assertTrue(McNemar.oneSidedP(5300, 4700) < 1e-8);
    assertThrows(IllegalArgumentException.class, () -> McNemar.oneSidedP(-1, 2));
  }
}
