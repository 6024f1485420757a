package io.github.mnistkit.sdk.image;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.evaluation.EvaluationSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses {@link RowCandidates.Weights} for the default model: not a test, a tool. Generates tuning
 * rows (separated, touching, ruled photos) with seeds other than the benchmark's, classifies every
 * candidate of every row once, then searches the weights by coordinate descent over a few round
 * values each, maximising the sum of the exact-string accuracies of the three kinds. Then prints
 * the errors of the best setting, how many rows the best of 300 random settings picked row by row
 * reads, and how many any path through the candidates reads (what better weights could reach), and
 * the accuracies of any settings given as the fourth argument ({@code "w1,...,w8;w1,...,w8"}). It
 * also prints the mean number of candidate pieces per row of each kind (what classification costs).
 *
 * <p>{@code flock /work/heavy.lock java -cp
 * mnist-sdk/target/test-classes:mnist-sdk/target/classes:mnist-benchmarks/target/benchmarks.jar
 * io.github.mnistkit.sdk.image.RowWeightsTuning /path/to/mnist [rows per kind, 400] [first seed,
 * 501] [settings]}
 */
public final class RowWeightsTuning {
  private RowWeightsTuning() {}

  /** One row with its candidates classified: everything {@code bestPath} needs. */
  record Scored(RowCandidates candidates, List<float[]> probabilities, int[] digits, String text) {
    /** True when some path through the candidates reads {@code text}, whatever the weights. */
    boolean reachable() {
      int atoms = probabilities.isEmpty() ? 0 : candidates.atoms(0)[2];
      boolean[][] reached = new boolean[atoms + 1][text.length() + 1];
      reached[0][0] = true;
      for (int k = 0; k < probabilities.size(); k++) {
        // pieces are ordered by first atom, so reached[first] is final when first is reached
        int[] span = candidates.atoms(k);
        if (probabilities.get(k) == null && span[0] != span[1]) {
          continue; // bestPath never joins blank pieces
        }
        for (int n = 0; n <= text.length(); n++) {
          if (!reached[span[0]][n]) {
            continue;
          }
          if (digits[k] < 0) {
            reached[span[1] + 1][n] = true;
          } else if (n < text.length() && text.charAt(n) - '0' == digits[k]) {
            reached[span[1] + 1][n + 1] = true;
          }
        }
      }
      return reached[atoms][text.length()];
    }

    String read(RowCandidates.Weights weights) {
      StringBuilder text = new StringBuilder();
      for (int index : candidates.bestPath(probabilities, weights)) {
        if (digits[index] >= 0) {
          text.append(digits[index]);
        }
      }
      return text.toString();
    }
  }

  private static final String[] KINDS = {"separated", "touching", "ruled"};

  /** The values tried for each weight, in {@link RowCandidates.Weights} order. */
  private static final double[][] GRID = {
    {0.5, 0.75, 1, 1.5, 2, 3},
    {-1, -0.5, 0, 0.5, 1, 2},
    {0, 0.1, 0.25, 0.5, 1},
    {0.25, 0.5, 1, 2},
    {0.25, 0.5, 1, 2},
    {0.25, 0.5, 1, 2},
    {0.5, 1, 1.5, 2, 3},
    {2, 4, 8, 16},
  };

  public static void main(String[] args) {
    Path data = Path.of(args.length > 0 ? args[0] : "test-data/mnist");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 501;
    EvaluationSets sets = EvaluationSets.fromMnistTestWithoutPictures(data);
    List<List<Scored>> kinds = new ArrayList<>();
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      DigitPreprocessor preprocessor = DigitPreprocessor.create();
      kinds.add(score(recognizer, preprocessor, sets.separatedRows(rows, seed)));
      kinds.add(score(recognizer, preprocessor, sets.touchingRows(rows, seed + 1)));
      kinds.add(score(recognizer, preprocessor, sets.ruledPhotos(rows, seed + 2)));
    }
    RowCandidates.Weights start = RowCandidates.Weights.DEFAULT;
    System.out.println("default " + describe(start, kinds));
    double[] best = toArray(start);
    int bestTotal = total(fromArray(best), kinds);
    for (int round = 0; round < 3; round++) {
      boolean improved = false;
      for (int w = 0; w < GRID.length; w++) {
        for (double value : GRID[w]) {
          double[] trial = best.clone();
          trial[w] = value;
          int t = total(fromArray(trial), kinds);
          if (t > bestTotal) {
            bestTotal = t;
            best = trial;
            improved = true;
            System.out.println("  better " + describe(fromArray(best), kinds));
          }
        }
      }
      System.out.println("round " + round + ": " + describe(fromArray(best), kinds));
      if (!improved) {
        break;
      }
    }
    errors(fromArray(best), kinds);
    oracle(kinds);
    for (String extra : args.length > 3 ? args[3].split(";") : new String[0]) {
      System.out.println("candidate " + describe(parse(extra), kinds));
    }
  }

  /** Wrong readings of the chosen weights, by kind: digit count wrong or a digit wrong. */
  private static void errors(RowCandidates.Weights weights, List<List<Scored>> kinds) {
    for (int k = 0; k < kinds.size(); k++) {
      int count = 0;
      int substituted = 0;
      int withRefused = 0;
      List<String> shown = new ArrayList<>();
      for (Scored row : kinds.get(k)) {
        String read = row.read(weights);
        if (!read.equals(row.text())) {
          count += read.length() != row.text().length() ? 1 : 0;
          substituted += read.length() == row.text().length() ? 1 : 0;
          boolean refused = false;
          StringBuilder spans = new StringBuilder();
          for (int index : row.candidates().bestPath(row.probabilities(), weights)) {
            int[] atoms = row.candidates().atoms(index);
            spans.append(atoms[1] - atoms[0] + 1);
            if (row.digits()[index] < 0 && row.probabilities().get(index) != null) {
              refused = true;
              spans.append('R');
            }
            spans.append(' ');
          }
          withRefused += refused ? 1 : 0;
          if (shown.size() < 40) {
            shown.add(row.text() + "->" + read + "(" + spans.toString().trim() + ")");
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s: %d count wrong, %d same length, %d with a refused piece %s%n",
          KINDS[k],
          count,
          substituted,
          withRefused,
          shown);
    }
  }

  /** How many rows some random weight setting reads right: what weights alone could reach. */
  private static void oracle(List<List<Scored>> kinds) {
    java.util.Random random = new java.util.Random(1);
    for (int k = 0; k < kinds.size(); k++) {
      boolean[] right = new boolean[kinds.get(k).size()];
      for (int trial = 0; trial < 300; trial++) {
        double[] a = new double[GRID.length];
        for (int w = 0; w < a.length; w++) {
          a[w] = GRID[w][random.nextInt(GRID[w].length)];
        }
        for (int i = 0; i < right.length; i++) {
          Scored row = kinds.get(k).get(i);
          right[i] |= row.read(fromArray(a)).equals(row.text());
        }
      }
      int n = 0;
      for (boolean r : right) {
        n += r ? 1 : 0;
      }
      int reachable = 0;
      for (Scored row : kinds.get(k)) {
        reachable += row.reachable() ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "%s: some setting reads %d/%d; some path through the candidates reads %d%n",
          KINDS[k],
          n,
          right.length,
          reachable);
    }
  }

  /** Candidate pieces classified so far, over all rows: what drives the classification time. */
  private static long pieceCount;

  /** Rows whose candidates were refined (cut again where the classifier doubts). */
  private static int refinedRows;

  /**
   * Whether to refine as NumberReader does ({@code -Dtuning.refine=false}: the first pass only).
   */
  private static final boolean REFINE =
      Boolean.parseBoolean(System.getProperty("tuning.refine", "true"));

  private static List<Scored> score(
      DigitRecognizer recognizer, DigitPreprocessor preprocessor, List<EvaluationSets.Row> rows) {
    List<Scored> scored = new ArrayList<>();
    long before = pieceCount;
    int refinedBefore = refinedRows;
    for (EvaluationSets.Row row : rows) {
      RowCandidates candidates = preprocessor.toRowCandidates(row.image());
      pieceCount += candidates.pieces().size();
      List<Recognition> recognitions = recognizer.classify(candidates.pieces());
      if (REFINE) {
        // as NumberReader: cut again where the best path holds a refused piece
        java.util.Set<Integer> doubtful = new java.util.HashSet<>();
        for (int index : candidates.bestPath(probabilities(recognitions))) {
          if (recognitions.get(index).verdict() == Recognition.Verdict.NOT_A_DIGIT) {
            doubtful.add(index);
          }
        }
        RowCandidates refined = doubtful.isEmpty() ? candidates : candidates.refine(doubtful);
        if (refined != candidates) {
          refinedRows++;
          recognitions =
              refined.carryOver(
                  recognitions,
                  fresh -> {
                    pieceCount += fresh.size();
                    return recognizer.classify(fresh);
                  });
          candidates = refined;
        }
      }
      List<float[]> probabilities = probabilities(recognitions);
      int[] digits = new int[recognitions.size()];
      for (int i = 0; i < recognitions.size(); i++) {
        Recognition r = recognitions.get(i);
        digits[i] = r.hasDigit() ? r.digit() : -1;
      }
      scored.add(new Scored(candidates, probabilities, digits, row.text()));
    }
    System.out.printf(
        Locale.ROOT,
        "%.1f candidate pieces per row, %d rows cut again%n",
        (double) (pieceCount - before) / rows.size(),
        refinedRows - refinedBefore);
    return scored;
  }

  private static List<float[]> probabilities(List<Recognition> recognitions) {
    List<float[]> probabilities = new ArrayList<>();
    for (Recognition r : recognitions) {
      probabilities.add(r.verdict() == Recognition.Verdict.BLANK ? null : r.probabilities());
    }
    return probabilities;
  }

  private static int total(RowCandidates.Weights weights, List<List<Scored>> kinds) {
    int total = 0;
    for (List<Scored> kind : kinds) {
      total += exact(weights, kind);
    }
    return total;
  }

  private static int exact(RowCandidates.Weights weights, List<Scored> rows) {
    int exact = 0;
    for (Scored row : rows) {
      exact += row.read(weights).equals(row.text()) ? 1 : 0;
    }
    return exact;
  }

  private static String describe(RowCandidates.Weights weights, List<List<Scored>> kinds) {
    StringBuilder s = new StringBuilder(weights.toString());
    for (int k = 0; k < kinds.size(); k++) {
      int exact = exact(weights, kinds.get(k));
      s.append(
          String.format(
              Locale.ROOT,
              " %s %.1f%% (%d/%d)",
              KINDS[k],
              100.0 * exact / kinds.get(k).size(),
              exact,
              kinds.get(k).size()));
    }
    return s.toString();
  }

  private static double[] toArray(RowCandidates.Weights w) {
    return new double[] {
      w.logWeight(),
      w.digitCost(),
      w.cutCost(),
      w.wideWeight(),
      w.narrowWeight(),
      w.heightWeight(),
      w.joinCost(),
      w.gapCost()
    };
  }

  private static RowCandidates.Weights fromArray(double[] a) {
    return new RowCandidates.Weights(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
  }

  private static RowCandidates.Weights parse(String commaSeparated) {
    String[] parts = commaSeparated.split(",");
    double[] a = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      a[i] = Double.parseDouble(parts[i].trim());
    }
    return fromArray(a);
  }
}
