package io.github.mnistkit.sdk.image;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.evaluation.EvaluationSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares settings of the second cut proposal ({@link RowCandidates#refine}): not a test, a tool.
 * Reads the tuning rows of {@code RowWeightsTuning} (first seed, +1, +2 for separated, touching,
 * ruled) once with the first cuts, then for each setting cuts again the pieces of the best path it
 * doubts, classifies the new pieces and prints, per kind, the rows read exactly with the default
 * weights, the rows some path reads, the candidate pieces per row and the rows cut again; each
 * setting's readings go to {@code /tmp/touching-variant-<setting>.txt} for diffs. A setting is
 * {@code mode,same,edge,spacing,maxCuts,cutWidth[,drift+drift...]} (see {@link
 * CutProposer.Density}); modes: {@code 0} no second pass, {@code N} refused pieces (what {@code
 * NumberReader} does), {@code N2} twice, {@code U} refused or unsure, {@code P0.9} refused or top
 * probability below 0.9, {@code D0.2} refused or p(not a digit) at least 0.2, {@code W1.2} refused
 * or 1.2 × wider than the digit's 95th percentile, {@code WU1.2} the same for unsure pieces only.
 * {@code -Dtuning.refinedWeights=w1,...,w8;...} also scores the rows cut again with other weights.
 *
 * <p>{@code flock /work/heavy.lock java -cp
 * mnist-sdk/target/test-classes:mnist-sdk/target/classes:mnist-benchmarks/target/benchmarks.jar
 * io.github.mnistkit.sdk.image.RefineTuning /path/to/mnist 1000 501
 * "0,0.1,0.12,0.3,9,0.6;N,0.04,0.06,0.1,20,0.3,0.15"}
 */
final class RefineTuning {
  private RefineTuning() {}

  public static void main(String[] args) {
    EvaluationSets sets = EvaluationSets.fromMnistTestWithoutPictures(Path.of(args[0]));
    run(sets, Integer.parseInt(args[1]), Long.parseLong(args[2]), args[3]);
  }

  private static final List<RowCandidates.Weights> REFINED_WEIGHTS = new ArrayList<>();

  static {
    String spec = System.getProperty("tuning.refinedWeights", "");
    for (String one : spec.isEmpty() ? new String[0] : spec.split(";")) {
      String[] p = one.split(",");
      REFINED_WEIGHTS.add(
          new RowCandidates.Weights(
              Double.parseDouble(p[0]),
              Double.parseDouble(p[1]),
              Double.parseDouble(p[2]),
              Double.parseDouble(p[3]),
              Double.parseDouble(p[4]),
              Double.parseDouble(p[5]),
              Double.parseDouble(p[6]),
              Double.parseDouble(p[7])));
    }
  }

  private record First(RowCandidates candidates, List<Recognition> recognitions, String text) {}

  static void run(EvaluationSets sets, int rows, long seed, String variants) {
    String[] kinds = {"separated", "touching", "ruled"};
    List<List<First>> firsts = new ArrayList<>();
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      DigitPreprocessor preprocessor = DigitPreprocessor.create();
      List<List<EvaluationSets.Row>> sources =
          List.of(
              sets.separatedRows(rows, seed),
              sets.touchingRows(rows, seed + 1),
              sets.ruledPhotos(rows, seed + 2));
      for (List<EvaluationSets.Row> source : sources) {
        List<First> list = new ArrayList<>();
        for (EvaluationSets.Row row : source) {
          RowCandidates c = preprocessor.toRowCandidates(row.image());
          list.add(new First(c, recognizer.classify(c.pieces()), row.text()));
        }
        firsts.add(list);
      }
      for (String variant : variants.split(";")) {
        String[] a = variant.split(",");
        String mode = a[0];
        CutProposer.Density density =
            new CutProposer.Density(
                Double.parseDouble(a[1]),
                Double.parseDouble(a[2]),
                Double.parseDouble(a[3]),
                Integer.parseInt(a[4]),
                java.util.Arrays.stream((a.length > 6 ? a[6] : "0.22").split("\\+"))
                    .map(Double::valueOf)
                    .toList());
        double cutWidth = Double.parseDouble(a[5]);
        StringBuilder line = new StringBuilder(variant);
        int[][] weightExact = new int[3][REFINED_WEIGHTS.size()];
        StringBuilder dump = new StringBuilder();
        for (int k = 0; k < 3; k++) {
          int exact = 0;
          int reachable = 0;
          long[] pieces = {0}; // classified, first cuts and new pieces
          int again = 0;
          for (int r = 0; r < firsts.get(k).size(); r++) {
            First f = firsts.get(k).get(r);
            RowCandidates candidates = f.candidates();
            List<Recognition> recognitions = f.recognitions();
            pieces[0] += candidates.pieces().size();
            int rounds = mode.equals("N2") ? 2 : 1;
            for (int round = 0; round < rounds; round++) {
              Set<Integer> doubtful = new HashSet<>();
              for (int index : candidates.bestPath(probabilities(recognitions))) {
                Recognition rec = recognitions.get(index);
                Recognition.Verdict v = rec.verdict();
                float top = 0;
                for (float x : rec.probabilities()) {
                  top = Math.max(top, x);
                }
                boolean doubt =
                    switch (mode.charAt(0)) {
                      case 'N' -> v == Recognition.Verdict.NOT_A_DIGIT;
                      case 'U' ->
                          v == Recognition.Verdict.NOT_A_DIGIT || v == Recognition.Verdict.UNSURE;
                      case 'P' ->
                          v == Recognition.Verdict.NOT_A_DIGIT
                              || (v != Recognition.Verdict.BLANK
                                  && top < Double.parseDouble(mode.substring(1)));
                      case 'D' ->
                          v == Recognition.Verdict.NOT_A_DIGIT
                              || (v != Recognition.Verdict.BLANK
                                  && rec.notADigitProbability()
                                      >= Double.parseDouble(mode.substring(1, 4)));
                      case 'W' ->
                          v == Recognition.Verdict.NOT_A_DIGIT
                              || ((mode.startsWith("WU")
                                      ? v == Recognition.Verdict.UNSURE
                                      : v != Recognition.Verdict.BLANK)
                                  && candidates.wideFor(
                                      index,
                                      rec.digit() < 0 ? 0 : rec.digit(),
                                      Double.parseDouble(
                                          mode.substring(mode.startsWith("WU") ? 2 : 1))));
                      default -> false;
                    };
                if (doubt) {
                  doubtful.add(index);
                }
              }
              RowCandidates refined =
                  doubtful.isEmpty() ? candidates : candidates.refine(doubtful, density, cutWidth);
              if (refined == candidates) {
                break;
              }
              if (round == 0) {
                again++;
              }
              recognitions =
                  refined.carryOver(
                      recognitions,
                      fresh -> {
                        pieces[0] += fresh.size();
                        return recognizer.classify(fresh);
                      });
              candidates = refined;
            }
            int[] digits = new int[recognitions.size()];
            for (int i = 0; i < digits.length; i++) {
              digits[i] = recognitions.get(i).hasDigit() ? recognitions.get(i).digit() : -1;
            }
            RowWeightsTuning.Scored scored =
                new RowWeightsTuning.Scored(
                    candidates, probabilities(recognitions), digits, f.text());
            String read = scored.read(RowCandidates.Weights.DEFAULT);
            for (int w = 0; w < REFINED_WEIGHTS.size(); w++) {
              String other =
                  candidates != f.candidates() ? scored.read(REFINED_WEIGHTS.get(w)) : read;
              weightExact[k][w] += other.equals(f.text()) ? 1 : 0;
            }
            exact += read.equals(f.text()) ? 1 : 0;
            reachable += scored.reachable() ? 1 : 0;
            dump.append(kinds[k]).append(' ').append(r).append(' ').append(f.text()).append(' ');
            dump.append(read).append('\n');
          }
          line.append(
              String.format(
                  Locale.ROOT,
                  " | %s %d (reach %d) %.1f pieces, %d again",
                  kinds[k],
                  exact,
                  reachable,
                  (double) pieces[0] / rows,
                  again));
        }
        System.out.println(line);
        for (int w = 0; w < REFINED_WEIGHTS.size(); w++) {
          System.out.printf(
              Locale.ROOT,
              "   refined rows weighed %s: %d / %d / %d%n",
              REFINED_WEIGHTS.get(w),
              weightExact[0][w],
              weightExact[1][w],
              weightExact[2][w]);
        }
        try {
          Files.writeString(Path.of("/tmp/touching-variant-" + variant + ".txt"), dump);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static List<float[]> probabilities(List<Recognition> recognitions) {
    List<float[]> probabilities = new ArrayList<>();
    for (Recognition r : recognitions) {
      probabilities.add(r.verdict() == Recognition.Verdict.BLANK ? null : r.probabilities());
    }
    return probabilities;
  }
}
