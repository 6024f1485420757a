package io.github.mnistkit.trainer.train;

import io.github.mnistkit.sdk.data.IdxDataset;
import java.util.Random;

/**
 * Every image once per epoch in a fresh random order, optionally distorted; the last partial batch
 * is dropped.
 */
final class ShuffledBatches implements BatchSource {
  private final IdxDataset data;
  private final float[] pixels;
  private final boolean augment;
  private final int batchSize;
  private int[] order;

  ShuffledBatches(IdxDataset data, int batchSize, boolean augment) {
    this.data = data;
    this.batchSize = batchSize;
    this.augment = augment;
    this.pixels = new float[data.size() * 784];
    for (int i = 0; i < data.size(); i++) {
      data.copyImage(i, pixels, i * 784);
    }
  }

  @Override
  public int imagesPerEpoch() {
    return data.size();
  }

  @Override
  public int batchesPerEpoch(int size) {
    return Math.max(1, data.size() / size);
  }

  @Override
  public void startEpoch(Random random) {
    order = Shuffle.permutation(data.size(), random);
  }

  @Override
  public void fill(int index, float[] x, float[] y, Random random) {
    for (int i = 0; i < batchSize; i++) {
      int image = order[(index * batchSize + i) % order.length];
      copy(pixels, image, x, i, augment, random);
      y[i] = data.label(image);
    }
  }

  static void copy(float[] pixels, int image, float[] x, int slot, boolean augment, Random random) {
    if (augment) {
      Augmenter.distort(pixels, image * 784, x, slot * 784, random);
    } else {
      System.arraycopy(pixels, image * 784, x, slot * 784, 784);
    }
  }
}
