package io.github.mnistkit.trainer.job;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to fine-tune a trained model on a user's {@code 0/ … 9/} image folder. Build with {@link
 * #builder(Path, Path)}.
 *
 * @param baseCheckpoint the checkpoint written by training; never modified
 * @param imageFolder the user's images, in sub-folders 0 … 9
 * @param learningRate Adam's rate; lower than for training from scratch so the model adapts, not
 *     forgets
 * @param freezeFeatures train only the classifier head
 * @param validationFraction share of each digit's images outside the test part that picks the best
 *     epoch
 * @param testFraction share of each digit's images in the test part, which judges before/after and
 *     whether the model is written
 * @param folds the k of k-fold cross-validation, used instead of a test part for small folders
 * @param minTestImages the smallest test part used; a folder whose test part would be smaller is
 *     judged by cross-validation
 * @param alpha the fine-tuned model counts as better when McNemar's exact one-sided p is below this
 * @param replayFraction share of every batch drawn from the replay set: MNIST training images, with
 *     the generated images a model that can refuse was trained on (0 turns replay off)
 * @param force write the fine-tuned model even when it is not better beyond noise
 * @param maxUnreadableShare fail when more than this share of the user's files cannot be used
 * @param int8 also write {@code model-int8.onnx} beside the written model when the quantised copy
 *     passes its self-check (as training does)
 */
public record FineTuneConfig(
    Path baseCheckpoint,
    Path imageFolder,
    int epochs,
    float learningRate,
    int batchSize,
    boolean freezeFeatures,
    double validationFraction,
    double testFraction,
    int folds,
    int minTestImages,
    double alpha,
    float replayFraction,
    boolean augment,
    long seed,
    boolean force,
    double maxUnreadableShare,
    boolean int8) {

  public FineTuneConfig {
    Objects.requireNonNull(baseCheckpoint, "baseCheckpoint");
    Objects.requireNonNull(imageFolder, "imageFolder");
    require(epochs > 0, "epochs must be at least 1 (was " + epochs + ")");
    require(
        learningRate > 0 && Float.isFinite(learningRate),
        "learningRate must be positive (was " + learningRate + ")");
    require(batchSize >= 2, "batchSize must be at least 2 (was " + batchSize + ")");
    require(
        validationFraction > 0 && validationFraction <= 0.5,
        "validationFraction must be in (0, 0.5] so that most images train (was "
            + validationFraction
            + ")");
    require(
        testFraction > 0 && testFraction <= 0.5,
        "testFraction must be in (0, 0.5] so that most images train (was " + testFraction + ")");
    require(folds >= 2 && folds <= 20, "folds must be in [2, 20] (was " + folds + ")");
    require(minTestImages >= 1, "minTestImages must be at least 1 (was " + minTestImages + ")");
    require(alpha > 0 && alpha < 1, "alpha must be in (0, 1) (was " + alpha + ")");
    require(
        replayFraction >= 0 && replayFraction < 1,
        "replayFraction must be in [0, 1) (was " + replayFraction + ")");
    require(
        maxUnreadableShare >= 0 && maxUnreadableShare <= 1,
        "maxUnreadableShare must be in [0, 1] (was " + maxUnreadableShare + ")");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Builder builder(Path baseCheckpoint, Path imageFolder) {
    return new Builder(baseCheckpoint, imageFolder);
  }

  /**
   * The smallest folder judged on a held-out test part: {@code ceil(minTestImages / testFraction)};
   * smaller folders are judged by {@link #folds()}-fold cross-validation.
   */
  public int minImagesForTestPart() {
    return (int) Math.ceil(minTestImages / testFraction - 1e-9);
  }

  /**
   * Defaults: 8 epochs, Adam 3e-4, batch 32, all layers trained, 20% test part (from 500 images,
   * i.e. 100 test images; 5-fold cross-validation below), 25% of the rest for validation, better
   * when McNemar's one-sided p &lt; 0.05, 50% replay, augmentation on, int8 copy on.
   */
  public static final class Builder {
    private final Path baseCheckpoint;
    private final Path imageFolder;
    private int epochs = 8;
    private float learningRate = 3e-4f;
    private int batchSize = 32;
    private boolean freezeFeatures;
    private double validationFraction = 0.25;
    private double testFraction = 0.2;
    private int folds = 5;
    private int minTestImages = 100;
    private double alpha = 0.05;
    private float replayFraction = 0.5f;
    private boolean augment = true;
    private long seed = 42;
    private boolean force;
    private double maxUnreadableShare = 0.2;
    private boolean int8 = true;

    private Builder(Path baseCheckpoint, Path imageFolder) {
      this.baseCheckpoint = baseCheckpoint;
      this.imageFolder = imageFolder;
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder learningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder freezeFeatures(boolean freezeFeatures) {
      this.freezeFeatures = freezeFeatures;
      return this;
    }

    public Builder validationFraction(double validationFraction) {
      this.validationFraction = validationFraction;
      return this;
    }

    public Builder testFraction(double testFraction) {
      this.testFraction = testFraction;
      return this;
    }

    public Builder folds(int folds) {
      this.folds = folds;
      return this;
    }

    public Builder minTestImages(int minTestImages) {
      this.minTestImages = minTestImages;
      return this;
    }

    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    public Builder replayFraction(float replayFraction) {
      this.replayFraction = replayFraction;
      return this;
    }

    public Builder augment(boolean augment) {
      this.augment = augment;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public Builder maxUnreadableShare(double maxUnreadableShare) {
      this.maxUnreadableShare = maxUnreadableShare;
      return this;
    }

    /**
     * Also write {@code model-int8.onnx} beside the model: a quantised copy, written only when it
     * passes its self-check against the fine-tuned fp32 model.
     */
    public Builder int8(boolean int8) {
      this.int8 = int8;
      return this;
    }

    public FineTuneConfig build() {
      return new FineTuneConfig(
          baseCheckpoint,
          imageFolder,
          epochs,
          learningRate,
          batchSize,
          freezeFeatures,
          validationFraction,
          testFraction,
          folds,
          minTestImages,
          alpha,
          replayFraction,
          augment,
          seed,
          force,
          maxUnreadableShare,
          int8);
    }
  }
}
