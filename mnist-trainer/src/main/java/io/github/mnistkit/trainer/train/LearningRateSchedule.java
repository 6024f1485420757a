package io.github.mnistkit.trainer.train;

import io.github.mnistkit.trainer.Ids;

/** How the learning rate changes over epochs. */
public enum LearningRateSchedule implements Ids.Named {
  /** Constant. */
  NONE("none"),
  /** Multiplied by 0.7 after every epoch (the PyTorch MNIST example's StepLR). */
  STEP("step"),
  /** Cosine annealing from the base rate to 1% of it over all epochs. */
  COSINE("cosine");

  public static final float STEP_FACTOR = 0.7f;
  private final String id;

  LearningRateSchedule(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  /** The rate for a 0-based epoch (and fraction of it) out of {@code epochs}. */
  public float rate(float base, double epochProgress, int epochs) {
    return switch (this) {
      case NONE -> base;
      case STEP -> base * (float) Math.pow(STEP_FACTOR, Math.floor(epochProgress));
      case COSINE -> {
        double t = Math.min(1.0, epochProgress / Math.max(1, epochs));
        double min = base * 0.01;
        yield (float) (min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * t)));
      }
    };
  }

  public static LearningRateSchedule fromId(String id) {
    return Ids.parse(LearningRateSchedule.class, id, "learning-rate schedule", null);
  }

  @Override
  public String toString() {
    return id;
  }
}
