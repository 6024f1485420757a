package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.Box;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The wrong pieces a segmenter cuts from a row of handwritten digits: rows of 3–5 MNIST training
 * digits, separated, touching or overlapping, go through {@link DigitPreprocessor#toRowCandidates},
 * and of its candidates only those that are clearly not one digit are kept. What a candidate holds
 * is measured in ink: each digit is also drawn on a layer of its own, and the candidate's 28×28
 * image, mapped back onto its {@link DigitImage#sourceBox()}, tells which pixels it took ({@link
 * #coverage}).
 *
 * <ul>
 *   <li>two digits: the candidate holds at least {@value #TWO_DIGITS} of the ink of each of two
 *       digits, and each of them drew at least {@value #MIN_SHARE} of the candidate's ink ({@link
 *       #shares});
 *   <li>part of a digit: it holds {@value #MIN_PART}–{@value #PART_OF_ONE} of one digit's ink, at
 *       most {@value #PART_OF_ONE} of its width, and (next to nothing) of no other. Only parts of
 *       4, 6 and 9: the slices of the others read as digits (of a 1 or a 7: a 1; of a 0: a bracket,
 *       a 1; of an 8 or a 3: a 3; the right part of a 2: a 7, of a 5: a 5). Never a piece whose ink
 *       is nearly a straight line ({@link #straightness} at least {@value #MAX_STRAIGHTNESS}): a
 *       bare stroke is a 1 in every way a model can see, and calling it "not a digit" would teach
 *       the model to refuse real 1s. Smaller fragments than {@value #MIN_PART} of the ink are left
 *       out too: scaled up to 20 pixels they are shapeless blurs.
 * </ul>
 *
 * Everything in between (a digit with a sliver or the tip of its neighbour, which often still reads
 * as that digit: the tip of a 1 beside a 0 makes a 6) is no "not a digit" example: a wrong label
 * costs more than a missing example. {@link CutDigits} keeps those that hold most of one digit and
 * little else, labelled with that digit.
 */
final class SegmentationMistakes {
  static final double TWO_DIGITS = 0.4;

  /**
   * ... and each of the two drew at least this share of the candidate's own ink: a digit half
   * hidden under a wide one's strokes (the loop of a 6 under the curve of a 2) is "taken" with it
   * but hardly seen, and the candidate reads as the wide digit.
   */
  static final double MIN_SHARE = 0.25;

  static final double PART_OF_ONE = 0.45;

  /** At most this share of another digit's ink in a "part of one digit" piece. */
  static final double NOTHING = 0.03;

  static final double MIN_PART = 0.2;

  /**
   * A part of a digit is at least this share of the digit's height: a vertical slice, as a wrong
   * cut makes. Shorter pieces are fragments; the row segmenter already scores them down.
   */
  static final double MIN_HEIGHT = 0.75;

  /** Digits whose vertical slices read as digits; see the class comment. */
  private static final String WHOLE_ONLY = "0123578";

  /** Pixels (at 28×28) from the main axis that count as on it, for {@link #straightness}. */
  static final double NEAR_AXIS = 2.5;

  /**
   * Pieces at least this straight are a 1 to a model (see the class comment): over 90% of MNIST
   * training 1s are (5th percentile 0.89), of the other digits 1–5% (95th percentiles 0.47–0.79).
   */
  static final double MAX_STRAIGHTNESS = 0.8;

  /**
   * At most this many negatives from one row, so that a set is not made of a few rows; at most one
   * of them part of a digit (rows hold many small fragments, which would crowd out the pairs).
   */
  static final int PER_ROW = 3;

  /** What a candidate is, judged by the layout. */
  enum Mistake {
    NONE,
    TWO_DIGITS,
    PART_OF_ONE
  }

  private final IdxDataset digits;
  private final DigitPreprocessor preprocessor;

  SegmentationMistakes(IdxDataset digits, DigitPreprocessor preprocessor) {
    this.digits = digits;
    this.preprocessor = preprocessor;
  }

  /**
   * A row laid out and rendered, with each digit's label, horizontal extent in the image and ink
   * layer (row-major, the image's size).
   */
  record Row(BufferedImage image, int[] labels, double[] lefts, double[] rights, float[][] inks) {}

  /** Up to {@link #PER_ROW} clear segmentation mistakes from one random row (maybe none). */
  List<DigitImage> fromRow(Random r) {
    Row row = layOut(r);
    List<DigitImage> pairs = new ArrayList<>();
    List<DigitImage> parts = new ArrayList<>();
    for (DigitImage piece : pieces(row)) {
      if (piece.isBlank()) {
        continue;
      }
      switch (mistake(piece, row)) {
        case TWO_DIGITS -> pairs.add(piece);
        case PART_OF_ONE -> parts.add(piece);
        case NONE -> {}
      }
    }
    Collections.shuffle(pairs, r);
    Collections.shuffle(parts, r);
    List<DigitImage> mistakes = new ArrayList<>(parts.subList(0, Math.min(1, parts.size())));
    mistakes.addAll(pairs.subList(0, Math.min(PER_ROW - mistakes.size(), pairs.size())));
    Collections.shuffle(mistakes, r);
    return mistakes;
  }

  /** Every candidate digit the row segmenter proposes for {@code row}. */
  List<DigitImage> pieces(Row row) {
    return preprocessor.toRowCandidates(row.image()).pieces();
  }

  Row layOut(Random r) {
    int count = 3 + r.nextInt(3);
    double scale = NonDigitDrawing.uniform(r, 2, 3);
    double rowHeight = 20 * scale;
    int margin = (int) (rowHeight * 0.3);
    byte[][] images = new byte[count][];
    int[] labels = new int[count];
    double[] lefts = new double[count];
    double[] rights = new double[count];
    double[] tops = new double[count];
    double[] scalesX = new double[count];
    double[] scalesY = new double[count];
    double x = margin;
    for (int i = 0; i < count; i++) {
      int index = r.nextInt(digits.size());
      images[i] = digits.imageBytes(index);
      labels[i] = digits.label(index);
      int[] box = InkLayer.inkBox(images[i]);
      scalesY[i] = rowHeight / (box[3] - box[1] + 1) * NonDigitDrawing.uniform(r, 0.9, 1.05);
      scalesX[i] = scalesY[i] * NonDigitDrawing.uniform(r, 0.75, 1.1);
      double w = (box[2] - box[0] + 1) * scalesX[i];
      if (i > 0) {
        x +=
            r.nextBoolean()
                ? -Math.min(w, rights[i - 1] - lefts[i - 1]) * NonDigitDrawing.uniform(r, 0, 0.25)
                : rowHeight * NonDigitDrawing.uniform(r, 0.03, 0.3);
      }
      lefts[i] = x;
      rights[i] = x + w;
      tops[i] = Math.max(0, margin + rowHeight * NonDigitDrawing.uniform(r, -0.08, 0.08));
      x = rights[i];
    }
    int width = (int) Math.ceil(x) + margin;
    int height = (int) (rowHeight * 1.3) + 2 * margin;
    InkLayer all = new InkLayer(width, height);
    float[][] inks = new float[count][];
    for (int i = 0; i < count; i++) {
      InkLayer own = new InkLayer(width, height);
      own.stamp(images[i], lefts[i], tops[i], scalesX[i], scalesY[i]);
      inks[i] = own.ink;
      for (int p = 0; p < own.ink.length; p++) {
        all.ink[p] = Math.max(all.ink[p], own.ink[p]);
      }
    }
    BufferedImage image = all.render(InkLayer.paperColour(r), InkLayer.inkColour(r));
    InkLayer.addNoise(image, r, r.nextInt(4));
    return new Row(image, labels, lefts, rights, inks);
  }

  static Mistake mistake(DigitImage piece, Row row) {
    return judge(
        coverage(piece, row), shares(piece, row), piece.sourceBox(), row, straightness(piece));
  }

  /**
   * The share of each digit's ink that {@code piece} took: the source pixels under its box whose
   * place in the 28×28 image holds ink, weighted by the digit's ink there.
   */
  static double[] coverage(DigitImage piece, Row row) {
    int[] inkBox = inkBox(piece);
    int n = row.labels().length;
    double[] taken = new double[n];
    double[] total = new double[n];
    int width = row.image().getWidth();
    Box box = piece.sourceBox();
    for (int i = 0; i < n; i++) {
      for (float v : row.inks()[i]) {
        total[i] += v;
      }
    }
    if (inkBox[2] < 0) {
      return taken;
    }
    for (int y = box.y(); y < box.bottom(); y++) {
      int v = inkBox[1] + (int) ((y + 0.5 - box.y()) / box.height() * (inkBox[3] - inkBox[1] + 1));
      for (int x = box.x(); x < box.right(); x++) {
        int u = inkBox[0] + (int) ((x + 0.5 - box.x()) / box.width() * (inkBox[2] - inkBox[0] + 1));
        if (piece.pixel(Math.min(u, 27), Math.min(v, 27)) > 0.1f) {
          for (int i = 0; i < n; i++) {
            taken[i] += row.inks()[i][y * width + x];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      taken[i] = total[i] > 0 ? Math.min(1, taken[i] / total[i]) : 0;
    }
    return taken;
  }

  /**
   * The share of the ink of {@code piece} that each digit drew: every inked pixel of the piece,
   * mapped back onto the row, counts for the digit with the most ink there.
   */
  static double[] shares(DigitImage piece, Row row) {
    int n = row.labels().length;
    double[] shares = new double[n];
    double sum = 0;
    int width = row.image().getWidth();
    Box box = piece.sourceBox();
    int[] inkBox = inkBox(piece);
    if (inkBox[2] < 0) {
      return shares;
    }
    for (int y = box.y(); y < box.bottom(); y++) {
      int v = inkBox[1] + (int) ((y + 0.5 - box.y()) / box.height() * (inkBox[3] - inkBox[1] + 1));
      for (int x = box.x(); x < box.right(); x++) {
        int u = inkBox[0] + (int) ((x + 0.5 - box.x()) / box.width() * (inkBox[2] - inkBox[0] + 1));
        float p = piece.pixel(Math.min(u, 27), Math.min(v, 27));
        int owner = -1;
        float most = 0.1f;
        for (int i = 0; i < n; i++) {
          if (row.inks()[i][y * width + x] > most) {
            most = row.inks()[i][y * width + x];
            owner = i;
          }
        }
        if (p > 0.1f && owner >= 0) {
          shares[owner] += p;
          sum += p;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      shares[i] = sum > 0 ? shares[i] / sum : 0;
    }
    return shares;
  }

  /**
   * What a candidate holding {@code coverage} of each digit's ink, its own ink drawn by the digits
   * in {@code shares}, is; see the class comment.
   */
  static Mistake judge(
      double[] coverage, double[] shares, Box piece, Row row, double straightness) {
    int wellCovered = 0;
    int touched = 0;
    int only = -1;
    for (int i = 0; i < coverage.length; i++) {
      if (coverage[i] >= TWO_DIGITS && shares[i] >= MIN_SHARE) {
        wellCovered++;
      }
      if (coverage[i] > NOTHING) {
        touched++;
        only = i;
      }
    }
    if (wellCovered >= 2) {
      return Mistake.TWO_DIGITS;
    }
    if (touched != 1
        || coverage[only] > PART_OF_ONE
        || coverage[only] < MIN_PART
        || WHOLE_ONLY.indexOf('0' + row.labels()[only]) >= 0) {
      return Mistake.NONE;
    }
    double digitWidth = row.rights()[only] - row.lefts()[only];
    return piece.width() <= PART_OF_ONE * digitWidth
            && piece.height() >= MIN_HEIGHT * inkHeight(row, only)
            && straightness < MAX_STRAIGHTNESS
        ? Mistake.PART_OF_ONE
        : Mistake.NONE;
  }

  /** The height of digit {@code i}'s ink in the row image. */
  private static int inkHeight(Row row, int i) {
    int width = row.image().getWidth();
    float[] ink = row.inks()[i];
    int top = -1;
    int bottom = -1;
    for (int p = 0; p < ink.length; p++) {
      if (ink[p] > 0.1f) {
        bottom = p / width;
        top = top < 0 ? bottom : top;
      }
    }
    return top < 0 ? 0 : bottom - top + 1;
  }

  /** {minX, minY, maxX, maxY} of the pixels of {@code piece} above 0.1; maxX -1 when none. */
  private static int[] inkBox(DigitImage piece) {
    int[] inkBox = {DigitImage.SIZE, DigitImage.SIZE, -1, -1};
    for (int y = 0; y < DigitImage.SIZE; y++) {
      for (int x = 0; x < DigitImage.SIZE; x++) {
        if (piece.pixel(x, y) > 0.1f) {
          inkBox[0] = Math.min(inkBox[0], x);
          inkBox[1] = Math.min(inkBox[1], y);
          inkBox[2] = Math.max(inkBox[2], x);
          inkBox[3] = Math.max(inkBox[3], y);
        }
      }
    }
    return inkBox;
  }

  /**
   * The share of the ink of {@code image} that lies within {@value #NEAR_AXIS} pixels of its main
   * axis (the line through its centre of mass along which it spreads most): 1 for a straight
   * stroke, also with a speck beside it, or a gently curved bracket; lower for anything with a
   * second direction or a loop.
   */
  static double straightness(DigitImage image) {
    double sum = 0;
    double sx = 0;
    double sy = 0;
    for (int y = 0; y < DigitImage.SIZE; y++) {
      for (int x = 0; x < DigitImage.SIZE; x++) {
        double v = image.pixel(x, y);
        sum += v;
        sx += v * x;
        sy += v * y;
      }
    }
    if (sum == 0) {
      return 0;
    }
    double mx = sx / sum;
    double my = sy / sum;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int y = 0; y < DigitImage.SIZE; y++) {
      for (int x = 0; x < DigitImage.SIZE; x++) {
        double v = image.pixel(x, y);
        xx += v * (x - mx) * (x - mx);
        yy += v * (y - my) * (y - my);
        xy += v * (x - mx) * (y - my);
      }
    }
    double angle = 0.5 * Math.atan2(2 * xy, xx - yy);
    double nx = -Math.sin(angle);
    double ny = Math.cos(angle);
    double near = 0;
    for (int y = 0; y < DigitImage.SIZE; y++) {
      for (int x = 0; x < DigitImage.SIZE; x++) {
        if (Math.abs((x - mx) * nx + (y - my) * ny) <= NEAR_AXIS) {
          near += image.pixel(x, y);
        }
      }
    }
    return near / sum;
  }
}
