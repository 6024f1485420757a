package io.github.mnistkit.trainer.train;

import io.github.mnistkit.trainer.nn.Architecture;
import java.util.Objects;

/**
 * What to train and how. Build with {@link #builder(Architecture)}; unset values take the
 * architecture's reference recipe.
 */
public record TrainingConfig(
    Architecture architecture,
    int epochs,
    int batchSize,
    float learningRate,
    OptimizerKind optimizer,
    LearningRateSchedule schedule,
    long seed,
    float validationFraction,
    boolean augment,
    int maxTrainImages,
    boolean int8,
    boolean notADigit) {

  public TrainingConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    require(epochs > 0, "epochs must be at least 1 (was " + epochs + ")");
    require(
        batchSize > 0 && batchSize <= 4096,
        "batchSize must be between 1 and 4096 (was " + batchSize + ")");
    require(
        learningRate > 0 && Float.isFinite(learningRate),
        "learningRate must be a positive number (was " + learningRate + ")");
    require(
        validationFraction >= 0 && validationFraction < 0.5f,
        "validationFraction must be in [0, 0.5) (was " + validationFraction + ")");
    require(
        maxTrainImages >= 0,
        "maxTrainImages must be 0 (all) or positive (was " + maxTrainImages + ")");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Classes of the model this config trains: 11 with "not a digit", else 10. */
  public int classes() {
    return notADigit ? Architecture.DIGITS_AND_NOT_A_DIGIT : Architecture.DIGITS;
  }

  /** The architecture trained when none is named. */
  public static final Architecture DEFAULT_ARCHITECTURE = Architecture.CNN;

  /** A builder for {@link #DEFAULT_ARCHITECTURE}. */
  public static Builder builder() {
    return builder(DEFAULT_ARCHITECTURE);
  }

  public static Builder builder(Architecture architecture) {
    return new Builder(architecture);
  }

  /**
   * Builder with the architecture's reference {@link Recipe}. Setters may be called in any order;
   * an unset learning rate is the recipe's, or with another optimiser that optimiser's usual one.
   */
  public static final class Builder {
    private final Architecture architecture;
    private final Recipe recipe;
    private int epochs = 5;
    private int batchSize;
    private Float learningRate;
    private OptimizerKind optimizer;
    private LearningRateSchedule schedule;
    private long seed = 42;
    private float validationFraction = 1f / 12;
    private boolean augment;
    private int maxTrainImages;
    private boolean int8 = true;
    private boolean notADigit = true;

    private Builder(Architecture architecture) {
      this.architecture = architecture;
      this.recipe = Recipe.of(architecture);
      this.batchSize = recipe.batchSize();
      this.optimizer = recipe.optimizer();
      this.schedule = recipe.schedule();
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder learningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder optimizer(OptimizerKind optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    public Builder schedule(LearningRateSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder validationFraction(float validationFraction) {
      this.validationFraction = validationFraction;
      return this;
    }

    /** Random shifts, rotations and scaling of training images. */
    public Builder augment(boolean augment) {
      this.augment = augment;
      return this;
    }

    /** Train on at most this many images (0 = all); for quick runs and tests. */
    public Builder maxTrainImages(int maxTrainImages) {
      this.maxTrainImages = maxTrainImages;
      return this;
    }

    /**
     * Also write {@code model-int8.onnx} beside the model: a quantised copy, written only when it
     * passes its self-check against the fp32 model (see {@code onnx.Int8Exporter}).
     */
    public Builder int8(boolean int8) {
      this.int8 = int8;
      return this;
    }

    /**
     * Give the model an 11th class, "not a digit", trained on generated images of letters, symbols,
     * scribbles, struck-out digits, glued digits and parts of digits, and pictures ({@code
     * data.NonDigitImages}), so that it can refuse what is not a digit; the training then also
     * holds digits cut from rows of touching digits, labelled with their digit ({@code
     * data.CutDigits}), so that it does not refuse those. On by default.
     */
    public Builder notADigit(boolean notADigit) {
      this.notADigit = notADigit;
      return this;
    }

    public TrainingConfig build() {
      return new TrainingConfig(
          architecture,
          epochs,
          batchSize,
          effectiveLearningRate(),
          optimizer,
          schedule,
          seed,
          validationFraction,
          augment,
          maxTrainImages,
          int8,
          notADigit);
    }

    private float effectiveLearningRate() {
      if (learningRate != null) {
        return learningRate;
      }
      return optimizer == recipe.optimizer()
          ? recipe.learningRate()
          : optimizer.usualLearningRate();
    }
  }
}
