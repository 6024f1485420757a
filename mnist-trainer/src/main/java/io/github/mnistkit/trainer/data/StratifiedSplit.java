package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The trainer's one stratified split: disjoint parts of labelled images, each digit spread over the
 * parts in proportion, reproducible for a seed (each digit's images are shuffled with one {@code
 * Random(seed)}, digit 0 first). Used for a folder data set's test part, fine-tuning's train /
 * validation / test parts and its cross-validation folds. Indices in every part are ascending, so a
 * part keeps the images' original order.
 */
public final class StratifiedSplit {
  private StratifiedSplit() {}

  /**
   * Index sets over {@code images}: element 0 is the rest, element {@code j} (1 …) holds {@code
   * shares[j - 1]} of each digit's images, rounded. Where a digit has too few images for that, the
   * rest keeps at least one image and the parts are served in order, each getting at least one
   * while images remain: a digit with {@code n} images is in the rest and in the first {@code n -
   * 1} parts. Together the parts are exactly {@code 0 … images.size() - 1}.
   */
  public static int[][] indices(IdxDataset images, long seed, double... shares) {
    for (double share : shares) {
      if (!(share > 0 && share < 1)) {
        throw new IllegalArgumentException(
            "Every share must be in (0, 1); was " + Arrays.toString(shares));
      }
    }
    Random random = new Random(seed);
    List<List<Integer>> parts = emptyParts(shares.length + 1);
    for (List<Integer> digit : byDigit(images)) {
      Collections.shuffle(digit, random);
      int n = digit.size();
      int next = 0;
      int left = n - 1; // the rest keeps one
      for (int j = 0; j < shares.length && left > 0; j++) {
        int take = Math.min(left, Math.max(1, (int) Math.round(n * shares[j])));
        parts.get(j + 1).addAll(digit.subList(next, next + take));
        next += take;
        left -= take;
      }
      parts.get(0).addAll(digit.subList(next, n));
    }
    return sorted(parts);
  }

  /**
   * {@code k} disjoint folds that together hold every image: each digit's shuffled images are dealt
   * over the folds in turn, continuing where the previous digit stopped, so fold sizes differ by at
   * most one and every digit with at least {@code k} images is in every fold.
   */
  public static int[][] folds(IdxDataset images, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("Cross-validation needs at least 2 folds (was " + k + ")");
    }
    Random random = new Random(seed);
    List<List<Integer>> folds = emptyParts(k);
    int dealt = 0;
    for (List<Integer> digit : byDigit(images)) {
      Collections.shuffle(digit, random);
      for (int index : digit) {
        folds.get(dealt++ % k).add(index);
      }
    }
    return sorted(folds);
  }

  /** The images of each index set. */
  public static IdxDataset[] select(IdxDataset images, int[][] parts) {
    return Arrays.stream(parts).map(images::select).toArray(IdxDataset[]::new);
  }

  /** {@code indices} and {@link #select} in one: element 0 is the rest. */
  public static IdxDataset[] split(IdxDataset images, long seed, double... shares) {
    return select(images, indices(images, seed, shares));
  }

  /** All indices not in {@code part}, ascending. */
  public static int[] complement(int size, int[] part) {
    boolean[] in = new boolean[size];
    for (int index : part) {
      in[index] = true;
    }
    return java.util.stream.IntStream.range(0, size).filter(i -> !in[i]).toArray();
  }

  private static List<List<Integer>> byDigit(IdxDataset images) {
    List<List<Integer>> digits = emptyParts(IdxDataset.NOT_A_DIGIT + 1);
    for (int i = 0; i < images.size(); i++) {
      digits.get(images.label(i)).add(i);
    }
    return digits;
  }

  private static List<List<Integer>> emptyParts(int count) {
    List<List<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      parts.add(new ArrayList<>());
    }
    return parts;
  }

  private static int[][] sorted(List<List<Integer>> parts) {
    return parts.stream()
        .map(p -> p.stream().mapToInt(Integer::intValue).sorted().toArray())
        .toArray(int[][]::new);
  }
}
