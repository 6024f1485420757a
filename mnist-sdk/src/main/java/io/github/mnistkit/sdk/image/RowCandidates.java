package io.github.mnistkit.sdk.image;

import java.awt.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The ways a row of handwritten digits can be split into digits, for recognition-driven
 * segmentation. The row's ink is over-segmented into <em>atoms</em>: the groups of blobs that
 * {@link RowSegmenter} finds, each further cut where it is at least {@value #CUT_WIDTH} row heights
 * wide and may hold touching digits ({@link CutProposer}). Every run of atoms of one group and
 * every run of up to {@value #MAX_ATOMS} neighbouring atoms across groups (broken pieces, at most
 * {@value #MAX_GAP} row heights apart) is a candidate digit. The caller classifies all {@link
 * #pieces()} in one batch; {@link #bestPath} then picks, by dynamic programming, the sequence of
 * candidates covering the row with the highest total score.
 *
 * <p>A candidate's score is the log-probability of its most likely digit, minus: a shape cost when
 * its width / height lies outside what that digit has in MNIST (5th–95th percentile, with slack); a
 * cost when it is much shorter than the row (a fragment); a cost per stroke its right-hand cut goes
 * through; a cost for joining pieces across a gap. A row of separated, unbroken digits has one atom
 * per digit and no choice to make.
 *
 * <p>The weights were chosen for the bundled model with a "not a digit" class (whose digit
 * probabilities are low for glued pairs and half digits) by {@code RowWeightsTuning} (SDK test
 * sources): coordinate descent over round values on 1,000 generated rows of MNIST test digits per
 * kind, seeds 501–503, apart from the benchmark's. Against the earlier weights (1, 0, 0.25, 0.5, 1,
 * 1, 1.5, 8), chosen for a model that could not refuse, the classifier counts twice as much as the
 * shape priors, wide shapes cost half and joining pieces less: exact strings separated / touching /
 * ruled 96.2 / 88.3 / 90.0% → 96.3 / 89.0 / 90.1% on the tuning rows, 96.3 / 86.2 / 91.6% → 96.5 /
 * 86.8 / 91.6% on the benchmark's (seed 2026). Weights matter little: on the tuning rows, even the
 * best of 300 random settings picked row by row reads only 96.7 / 90.0 / 91.6%, and any path at all
 * through the candidates 97.2 / 91.3 / 93.3%; the other errors are pieces the candidates or the
 * classifier get wrong.
 *
 * <p>A caller may then {@link #refine} the candidates: cut the pieces of the best path that the
 * model refuses again, more densely, classify only the new pieces and choose again ({@code
 * NumberReader} does). That lifts what some path reads on the tuning rows to 97.4 / 94.1 / 95.0%
 * (seeds 501–503) and the exact readings by about one point on touching rows; see {@link
 * CutProposer}.
 */
public final class RowCandidates {
  static final int MAX_ATOMS = 4;

  /** Groups at least this wide (× row height) may hold several touching digits. */
  static final double CUT_WIDTH = 0.6;

  /** Groups at least this wide (× row height) are cut when the classifier doubts them. */
  static final double DOUBT_CUT_WIDTH = 0.3;

  /** No candidate wider than this (× row height) joins atoms. */
  static final double MAX_WIDTH = 1.7;

  /** Pieces further apart than this (× row height) are never one digit. */
  static final double MAX_GAP = 0.25;

  /** The weights of the score terms; see the class comment. */
  record Weights(
      double logWeight,
      double digitCost,
      double cutCost,
      double wideWeight,
      double narrowWeight,
      double heightWeight,
      double joinCost,
      double gapCost) {
    static final Weights DEFAULT = new Weights(2, 0, 0.25, 0.25, 1, 1, 1, 8);
  }

  /**
   * The 5th and 95th percentiles of each digit's ink-box width / height in the MNIST training set.
   * Real handwriting is often narrower than MNIST, so only much narrower is unlikely.
   */
  private static final double[] NARROW = {0.65, 0.2, 0.65, 0.55, 0.55, 0.6, 0.5, 0.5, 0.5, 0.5};

  private static final double[] WIDE = {1.25, 0.8, 1.33, 1.11, 1.11, 1.43, 1.0, 1.05, 1.05, 0.95};

  /** Widths within [NARROW × this, WIDE × the other] cost nothing. */
  private static final double NARROW_SLACK = 0.6;

  private static final double WIDE_SLACK = 1.1;

  /** Where the row's ink came from: what a second, denser proposal needs. */
  private record Source(InkMap ink, DigitNormaliser normaliser, Box searched) {}

  private final Source source;
  private final List<List<Blob>> groups;
  private final List<List<Cut>> cuts;
  private final List<DigitImage> pieces;
  private final List<Candidate> candidates;
  private final List<Atom> atoms;
  private final int[] earlier;
  private final double rowHeight;
  private final int scale;

  private RowCandidates(
      Source source,
      List<List<Blob>> groups,
      List<List<Cut>> cuts,
      List<DigitImage> pieces,
      List<Candidate> candidates,
      List<Atom> atoms,
      int[] earlier,
      double rowHeight) {
    this.source = source;
    this.groups = groups;
    this.cuts = cuts;
    this.pieces = List.copyOf(pieces);
    this.candidates = List.copyOf(candidates);
    this.atoms = List.copyOf(atoms);
    this.earlier = earlier;
    this.rowHeight = rowHeight;
    this.scale = source == null ? 1 : source.ink().image().scale();
  }

  /** An atom: the part of group {@code group} between two cuts (null: the group's edge). */
  private record Atom(int group, List<Blob> blobs, Cut left, Cut right, PieceMask mask) {}

  /** Atoms {@code first..last} as one digit candidate. */
  private record Candidate(
      int first, int last, int joins, double gaps, int height, int width, Cut cutAfter) {}

  /**
   * What a candidate's pixels depend on: its first atom's group and left edge, its last atom's
   * group and right edge (cuts compare by identity, so a group cut again gives new keys).
   */
  private record PieceKey(int firstGroup, Cut left, int lastGroup, Cut right) {}

  static RowCandidates of(InkMap ink, DigitNormaliser normaliser, Box searched) {
    if (ink.isBlank()) {
      return new RowCandidates(
          null, List.of(), List.of(), List.of(), List.of(), List.of(), new int[0], 0);
    }
    List<List<Blob>> groups = RowSegmenter.split(ink.blobs());
    double rowHeight = rowHeight(groups);
    List<List<Cut>> cuts = new ArrayList<>();
    for (List<Blob> group : groups) {
      cuts.add(
          width(group) >= CUT_WIDTH * rowHeight
              ? CutProposer.propose(ink, group, rowHeight)
              : List.of());
    }
    return build(new Source(ink, normaliser, searched), groups, cuts, rowHeight, null);
  }

  /**
   * These candidates with more cuts proposed, more densely ({@link CutProposer.Density#DOUBT}),
   * through each of the {@code doubtful} pieces at least {@value #DOUBT_CUT_WIDTH} row heights wide
   * (say, pieces of the best path that the classifier refuses or is unsure of): a second chance for
   * digits glued so closely, or overlapping so far, that the first cuts miss them. Only the
   * doubtful pieces are cut again, so digits read with confidence are not split; the earlier cuts
   * are kept. {@code this} when no piece is wide enough; {@link #carryOver} classifies only the new
   * pieces.
   */
  public RowCandidates refine(Set<Integer> doubtful) {
    return refine(doubtful, CutProposer.Density.DOUBT, DOUBT_CUT_WIDTH);
  }

  RowCandidates refine(Set<Integer> doubtful, CutProposer.Density density, double cutWidth) {
    List<List<Cut>> denser = new ArrayList<>(cuts);
    boolean changed = false;
    for (int piece : doubtful) {
      Candidate c = candidates.get(piece);
      for (int a = c.first(); a <= c.last(); a++) {
        int end = a;
        while (end < c.last() && atoms.get(end + 1).group() == atoms.get(a).group()) {
          end++;
        }
        int g = atoms.get(a).group();
        PieceMask part =
            PieceMask.ofParts(
                source.ink(),
                List.of(
                    new PieceMask.Part(
                        groups.get(g), atoms.get(a).left(), atoms.get(end).right())));
        if (!part.isEmpty() && part.width() >= cutWidth * rowHeight) {
          List<Cut> more =
              CutProposer.propose(source.ink(), part, rowHeight, density, denser.get(g));
          changed |= !more.equals(denser.get(g));
          denser.set(g, more);
        }
        a = end;
      }
    }
    return changed ? build(source, groups, denser, rowHeight, this) : this;
  }

  /**
   * One answer per piece of these candidates, in the order of {@link #pieces()}: for a piece that
   * the candidates this was {@linkplain #refine refined} from had too, its answer in {@code
   * earlier}; for the new pieces, {@code classifier}'s, asked once for all of them.
   */
  public <T> List<T> carryOver(List<T> earlier, Function<List<DigitImage>, List<T>> classifier) {
    List<DigitImage> fresh = new ArrayList<>();
    for (int k = 0; k < pieces.size(); k++) {
      if (this.earlier[k] < 0) {
        fresh.add(pieces.get(k));
      }
    }
    List<T> classified = fresh.isEmpty() ? List.of() : classifier.apply(fresh);
    List<T> all = new ArrayList<>(pieces.size());
    int next = 0;
    for (int k = 0; k < pieces.size(); k++) {
      all.add(this.earlier[k] < 0 ? classified.get(next++) : earlier.get(this.earlier[k]));
    }
    return all;
  }

  private static PieceKey key(List<Atom> atoms, int first, int last) {
    Atom a = atoms.get(first);
    Atom b = atoms.get(last);
    return new PieceKey(a.group(), a.left(), b.group(), b.right());
  }

  /**
   * Builds the candidates from the cuts of each group; pieces that {@code before} (null: none) has
   * too are taken from it, not normalised again, and remembered for {@link #carryOver}.
   */
  private static RowCandidates build(
      Source source,
      List<List<Blob>> groups,
      List<List<Cut>> cuts,
      double rowHeight,
      RowCandidates before) {
    InkMap ink = source.ink();
    List<Atom> atoms = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      atoms.addAll(atoms(ink, g, groups.get(g), cuts.get(g)));
    }
    Map<PieceKey, Integer> known = new HashMap<>();
    for (int k = 0; before != null && k < before.candidates.size(); k++) {
      Candidate c = before.candidates.get(k);
      known.put(key(before.atoms, c.first(), c.last()), k);
    }
    List<DigitImage> pieces = new ArrayList<>();
    List<Candidate> candidates = new ArrayList<>();
    List<Integer> earlier = new ArrayList<>();
    for (int i = 0; i < atoms.size(); i++) {
      for (int j = i; j < atoms.size(); j++) {
        boolean oneGroup = atoms.get(j).group() == atoms.get(i).group();
        if (!oneGroup && j - i >= MAX_ATOMS) {
          break;
        }
        Candidate candidate = candidate(atoms, i, j, rowHeight);
        if (candidate == null) {
          break;
        }
        int same = known.getOrDefault(key(atoms, i, j), -1);
        DigitImage digit =
            same >= 0
                ? before.pieces.get(same)
                : source
                    .normaliser()
                    .normalise(ink, PieceMask.ofParts(ink, parts(atoms, i, j)), source.searched());
        if (!digit.isBlank() || i == j) {
          pieces.add(digit);
          candidates.add(candidate);
          earlier.add(same);
        }
      }
    }
    return new RowCandidates(
        source,
        groups,
        List.copyOf(cuts),
        pieces,
        candidates,
        atoms,
        earlier.stream().mapToInt(Integer::intValue).toArray(),
        rowHeight);
  }

  /** Every candidate digit image, to be classified in one batch. */
  public List<DigitImage> pieces() {
    return pieces;
  }

  /**
   * The best way to read the row: indices into {@link #pieces()}, left to right.
   *
   * @param probabilities the ten digit probabilities of each piece, in the order of {@link
   *     #pieces()} (with a model that can refuse they sum to 1 − the "not a digit" probability, so
   *     a piece that is not a digit scores low); null for a piece that holds no ink
   */
  public int[] bestPath(List<float[]> probabilities) {
    return bestPath(probabilities, Weights.DEFAULT);
  }

  int[] bestPath(List<float[]> probabilities, Weights weights) {
    if (probabilities.size() != pieces.size()) {
      throw new IllegalArgumentException(
          "Expected " + pieces.size() + " probability rows, got " + probabilities.size());
    }
    double[] best = new double[atoms.size() + 1];
    int[] choice = new int[atoms.size() + 1];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    best[0] = 0;
    for (int k = 0; k < candidates.size(); k++) {
      // candidates are ordered by first atom, so best[first] is final when first is reached
      Candidate c = candidates.get(k);
      if (best[c.first()] == Double.NEGATIVE_INFINITY) {
        continue;
      }
      double score = best[c.first()] + score(c, probabilities.get(k), weights);
      if (score > best[c.last() + 1]) {
        best[c.last() + 1] = score;
        choice[c.last() + 1] = k;
      }
    }
    List<Integer> path = new ArrayList<>();
    for (int end = atoms.size(); end > 0; end = candidates.get(choice[end]).first()) {
      path.add(0, choice[end]);
    }
    return path.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Whether piece {@code piece} is wider, for its height, than {@code factor} × the 95th percentile
   * of digit {@code digit}: for diagnostics.
   */
  boolean wideFor(int piece, int digit, double factor) {
    Candidate c = candidates.get(piece);
    return c.width() > factor * WIDE[digit] * Math.max(1, c.height());
  }

  /** The first and last atom of piece {@code piece}, and the row's atom count: for diagnostics. */
  int[] atoms(int piece) {
    Candidate c = candidates.get(piece);
    return new int[] {c.first(), c.last(), atoms.size()};
  }

  /**
   * The cuts between the digits of {@code path} that run through ink, as polylines in source-image
   * coordinates, for display.
   */
  public List<List<Point>> cuts(int[] path) {
    List<List<Point>> lines = new ArrayList<>();
    for (int k = 0; k < path.length - 1; k++) {
      Cut cut = candidates.get(path[k]).cutAfter();
      if (cut == null) {
        continue;
      }
      List<Point> line = new ArrayList<>();
      for (int i = 0; i < cut.xs().length; i++) {
        line.add(new Point(cut.xs()[i] * scale, (cut.minY() + i) * scale));
      }
      lines.add(line);
    }
    return lines;
  }

  private double score(Candidate c, float[] p, Weights weights) {
    if (p == null) {
      return c.first() == c.last() ? 0 : Double.NEGATIVE_INFINITY;
    }
    int digit = 0;
    for (int d = 1; d < p.length; d++) {
      digit = p[d] > p[digit] ? d : digit;
    }
    double aspect = (double) c.width() / Math.max(1, c.height());
    double wide = Math.max(0, Math.log(aspect / (WIDE[digit] * WIDE_SLACK)) / 0.2);
    double narrow = Math.max(0, Math.log(NARROW[digit] * NARROW_SLACK / aspect) / 0.3);
    double aspectCost =
        weights.wideWeight() * wide * wide + weights.narrowWeight() * narrow * narrow;
    double short_ = Math.max(0, 0.6 - c.height() / rowHeight) / 0.15;
    double heightCost = weights.heightWeight() * short_ * short_;
    double cutCost = c.cutAfter() == null ? 0 : weights.cutCost() * c.cutAfter().strokes();
    double joinCost = c.joins() * weights.joinCost() + c.gaps() * weights.gapCost();
    return weights.logWeight() * Math.log(Math.max(1e-6, p[digit]))
        - weights.digitCost()
        - aspectCost
        - heightCost
        - cutCost
        - joinCost;
  }

  private static double rowHeight(List<List<Blob>> groups) {
    int largest = 0;
    for (List<Blob> g : groups) {
      largest = Math.max(largest, area(g));
    }
    List<Integer> heights = new ArrayList<>();
    for (List<Blob> g : groups) {
      if (area(g) >= 0.25 * largest) {
        heights.add(extent(g)[3] - extent(g)[1] + 1);
      }
    }
    heights.sort(null);
    return heights.get(heights.size() / 2);
  }

  private static int width(List<Blob> group) {
    int[] box = extent(group);
    return box[2] - box[0] + 1;
  }

  private static List<Atom> atoms(InkMap ink, int g, List<Blob> group, List<Cut> proposed) {
    List<Cut> cuts = new ArrayList<>(proposed);
    while (true) {
      List<Atom> atoms = new ArrayList<>();
      int empty = -1;
      for (int k = 0; k <= cuts.size(); k++) {
        Cut left = k == 0 ? null : cuts.get(k - 1);
        Cut right = k == cuts.size() ? null : cuts.get(k);
        PieceMask mask = PieceMask.ofParts(ink, List.of(new PieceMask.Part(group, left, right)));
        if (mask.isEmpty() && empty < 0) {
          empty = k;
        }
        atoms.add(new Atom(g, group, left, right, mask));
      }
      if (empty < 0) {
        return atoms;
      }
      cuts.remove(Math.min(empty, cuts.size() - 1));
    }
  }

  /** Null when atoms i..j are too wide or too far apart to be one digit. */
  private static Candidate candidate(List<Atom> atoms, int i, int j, double rowHeight) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    int joins = 0;
    double gaps = 0;
    for (int k = i; k <= j; k++) {
      PieceMask m = atoms.get(k).mask();
      minX = Math.min(minX, m.minX());
      minY = Math.min(minY, m.minY());
      maxX = Math.max(maxX, m.maxX());
      maxY = Math.max(maxY, m.maxY());
      if (k > i && atoms.get(k).group() != atoms.get(k - 1).group()) {
        double gap = Math.max(0, atoms.get(k).mask().minX() - atoms.get(k - 1).mask().maxX() - 1);
        if (gap > MAX_GAP * rowHeight) {
          return null;
        }
        joins++;
        gaps += gap / rowHeight;
      }
    }
    int width = maxX - minX + 1;
    if (joins > 0 && width > MAX_WIDTH * rowHeight) {
      return null;
    }
    Atom last = atoms.get(j);
    Cut after =
        j + 1 < atoms.size() && atoms.get(j + 1).group() == last.group() ? last.right() : null;
    return new Candidate(i, j, joins, gaps, maxY - minY + 1, width, after);
  }

  private static List<PieceMask.Part> parts(List<Atom> atoms, int i, int j) {
    List<PieceMask.Part> parts = new ArrayList<>();
    int k = i;
    while (k <= j) {
      int end = k;
      while (end + 1 <= j && atoms.get(end + 1).group() == atoms.get(k).group()) {
        end++;
      }
      parts.add(
          new PieceMask.Part(atoms.get(k).blobs(), atoms.get(k).left(), atoms.get(end).right()));
      k = end + 1;
    }
    return parts;
  }

  private static int area(List<Blob> group) {
    int area = 0;
    for (Blob b : group) {
      area += b.area();
    }
    return area;
  }

  /** {minX, minY, maxX, maxY} of a group. */
  private static int[] extent(List<Blob> group) {
    int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (Blob b : group) {
      box[0] = Math.min(box[0], b.minX());
      box[1] = Math.min(box[1], b.minY());
      box[2] = Math.max(box[2], b.maxX());
      box[3] = Math.max(box[3], b.maxY());
    }
    return box;
  }
}
