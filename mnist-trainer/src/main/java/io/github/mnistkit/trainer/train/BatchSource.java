package io.github.mnistkit.trainer.train;

import java.util.Random;

/** Fills training batches: which images, in which order, distorted or not. */
interface BatchSource {
  /** Images the source draws from in one epoch (for the log line). */
  int imagesPerEpoch();

  int batchesPerEpoch(int batchSize);

  /** Called before each epoch, e.g. to reshuffle. */
  void startEpoch(Random random);

  /**
   * Writes batch {@code index} of the epoch: 784 floats per image into {@code x}, labels into
   * {@code y}.
   */
  void fill(int index, float[] x, float[] y, Random random);
}
