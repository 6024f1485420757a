package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** TEMPORARY placeholder in main until the negatives branch lands (replaced at merge). */
public final class NonDigitImages {
  public static final int LABEL = 10;

  private NonDigitImages() {}

  public static IdxDataset generate(
      IdxDataset digitsTrain, IdxDataset picturesOrNull, int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = LABEL;
      for (int s = 0; s < 60; s++) {
        int x = 4 + random.nextInt(20);
        int y = 4 + random.nextInt(20);
        pixels[i * 784 + y * 28 + x] = (byte) 255;
      }
    }
    return IdxDataset.of(pixels, labels);
  }

  public static IdxDataset fashionTrainIfInstalled() {
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
    return Files.isReadable(images) && Files.isReadable(labels)
        ? IdxReader.read(images, labels)
        : null;
  }
}
