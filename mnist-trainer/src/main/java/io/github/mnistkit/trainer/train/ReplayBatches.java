package io.github.mnistkit.trainer.train;

import io.github.mnistkit.sdk.data.IdxDataset;
import java.util.Random;

/**
 * Fine-tuning batches: the user's images (distorted if asked), each batch topped up with a fixed
 * share of randomly drawn replay images (MNIST) so the model keeps its general skill. One epoch is
 * one pass over the user's images.
 */
final class ReplayBatches implements BatchSource {
  private final ShuffledBatches user;
  private final IdxDataset replay;
  private final int userPerBatch;
  private final int replayPerBatch;
  private final boolean augment;
  private final float[] replayPixels = new float[784];
  private final IdxDataset userData;

  ReplayBatches(
      IdxDataset userData,
      IdxDataset replay,
      float replayFraction,
      int batchSize,
      boolean augment) {
    this.userData = userData;
    this.replay = replay;
    this.augment = augment;
    this.replayPerBatch =
        replay == null || replay.size() == 0 ? 0 : Math.round(batchSize * replayFraction);
    this.userPerBatch = batchSize - replayPerBatch;
    if (userPerBatch < 1) {
      throw new IllegalArgumentException(
          "replayFraction "
              + replayFraction
              + " leaves no room for the"
              + " user's images in a batch of "
              + batchSize
              + "; use a value below 1.");
    }
    this.user = new ShuffledBatches(userData, userPerBatch, augment);
  }

  @Override
  public int imagesPerEpoch() {
    return userData.size();
  }

  @Override
  public int batchesPerEpoch(int batchSize) {
    return Math.max(1, (int) Math.ceil(userData.size() / (double) userPerBatch));
  }

  @Override
  public void startEpoch(Random random) {
    user.startEpoch(random);
  }

  @Override
  public void fill(int index, float[] x, float[] y, Random random) {
    user.fill(index, x, y, random);
    for (int i = 0; i < replayPerBatch; i++) {
      int image = random.nextInt(replay.size());
      replay.copyImage(image, replayPixels, 0);
      ShuffledBatches.copy(replayPixels, 0, x, userPerBatch + i, augment, random);
      y[userPerBatch + i] = replay.label(image);
    }
  }
}
