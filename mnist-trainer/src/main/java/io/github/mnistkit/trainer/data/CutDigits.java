package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Training images of digits as the row segmenter cuts them from rows of touching digits, labelled
 * with their digit: a digit with a sliver or the tip of its neighbour, or missing a little of its
 * own ink where the cut ran. The rows are the ones {@link SegmentationMistakes} lays out; a
 * candidate is kept when it holds at least {@value #MIN_COVERAGE} of one digit's ink, that digit
 * drew at least {@value #MIN_OWN_SHARE} of the candidate's ink, and it is not simply the whole
 * digit alone (a plain digit is what MNIST already has).
 *
 * <p>Without them the model had seen such pieces only as ambiguous leftovers between its digits and
 * its "two digits" / "part of a digit" negatives: the bundled model of 2026-12-01 refused 9.1% of
 * them and was sure and wrong on 1.8% (3,000 pieces from rows of MNIST test digits, {@code
 * CutDigitReading}), so a row of touching digits lost the digit that a correct cut had found.
 */
public final class CutDigits {
  /** A kept piece holds at least this share of its digit's ink ... */
  static final double MIN_COVERAGE = 0.85;

  /** ... and at least this share of the piece's ink is that digit's. */
  static final double MIN_OWN_SHARE = 0.8;

  /** A piece holding this much of its digit and nothing of another is a plain digit, not kept. */
  static final double WHOLE = 0.97;

  /** At most this many pieces from one row, so that a set is not made of a few rows. */
  static final int PER_ROW = 3;

  /** Consecutive rows without a kept piece before the input digits are declared unusable. */
  private static final int MAX_ROWS_WITHOUT_PIECE = 200;

  private CutDigits() {}

  /**
   * {@code count} MNIST-format 28×28 images of digits cut from generated rows, labelled 0–9.
   *
   * @param digitsTrain MNIST <em>training</em> digits: the evaluation sets use the test split
   */
  public static IdxDataset generate(IdxDataset digitsTrain, int count, long seed) {
    Objects.requireNonNull(digitsTrain, "digitsTrain");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    if (digitsTrain.size() == 0) {
      throw new IllegalArgumentException("digitsTrain holds no images");
    }
    SegmentationMistakes rows = new SegmentationMistakes(digitsTrain, DigitPreprocessor.create());
    Random random = new Random(seed);
    byte[] pixels = new byte[count * IdxDataset.PIXELS];
    byte[] labels = new byte[count];
    int made = 0;
    int emptyRows = 0;
    while (made < count) {
      List<Labelled> pieces = fromRow(rows, random);
      emptyRows = pieces.isEmpty() ? emptyRows + 1 : 0;
      if (emptyRows >= MAX_ROWS_WITHOUT_PIECE) {
        throw new IllegalStateException(
            "No cut digit in " + MAX_ROWS_WITHOUT_PIECE + " rows; are the input digits blank?");
      }
      for (int k = 0; k < pieces.size() && made < count; k++, made++) {
        byte[] image = ImageFolder.toBytes(pieces.get(k).image());
        System.arraycopy(image, 0, pixels, made * IdxDataset.PIXELS, IdxDataset.PIXELS);
        labels[made] = (byte) pieces.get(k).label();
      }
    }
    return IdxDataset.of(pixels, labels);
  }

  record Labelled(DigitImage image, int label) {}

  /** Up to {@link #PER_ROW} cut digits from one random row (maybe none). */
  static List<Labelled> fromRow(SegmentationMistakes rows, Random random) {
    SegmentationMistakes.Row row = rows.layOut(random);
    List<Labelled> kept = new ArrayList<>();
    for (DigitImage piece : rows.pieces(row)) {
      if (piece.isBlank()) {
        continue;
      }
      int digit =
          digitOf(
              SegmentationMistakes.coverage(piece, row), SegmentationMistakes.shares(piece, row));
      if (digit >= 0) {
        kept.add(new Labelled(piece, row.labels()[digit]));
      }
    }
    Collections.shuffle(kept, random);
    return kept.subList(0, Math.min(PER_ROW, kept.size()));
  }

  /**
   * The index of the row's digit that a piece holding {@code coverage} of each digit's ink, its own
   * ink drawn by the digits in {@code shares}, is a cut of; -1 when it is none clearly, or the
   * whole digit alone.
   */
  static int digitOf(double[] coverage, double[] shares) {
    for (int i = 0; i < coverage.length; i++) {
      if (coverage[i] >= MIN_COVERAGE && shares[i] >= MIN_OWN_SHARE) {
        boolean plain =
            coverage[i] >= WHOLE && mostOfAnother(coverage, i) <= SegmentationMistakes.NOTHING;
        return plain ? -1 : i;
      }
    }
    return -1;
  }

  /** The largest share of another digit's ink than {@code digit}'s that the piece holds. */
  private static double mostOfAnother(double[] coverage, int digit) {
    double most = 0;
    for (int j = 0; j < coverage.length; j++) {
      if (j != digit) {
        most = Math.max(most, coverage[j]);
      }
    }
    return most;
  }
}
