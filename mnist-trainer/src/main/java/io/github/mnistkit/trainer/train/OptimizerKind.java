package io.github.mnistkit.trainer.train;

import io.github.mnistkit.trainer.Ids;

/** The optimisers training offers, by the names used in parameters and reports. */
public enum OptimizerKind implements Ids.Named {
  ADAM("adam", 1e-3f),
  ADAMW("adamw", 1e-3f),
  /** SGD with momentum 0.9. */
  SGD("sgd", 0.05f),
  ADADELTA("adadelta", 1.0f);

  private final String id;
  private final float usualLearningRate;

  OptimizerKind(String id, float usualLearningRate) {
    this.id = id;
    this.usualLearningRate = usualLearningRate;
  }

  /** The learning rate this optimiser usually works with on MNIST-sized problems. */
  public float usualLearningRate() {
    return usualLearningRate;
  }

  @Override
  public String id() {
    return id;
  }

  public static OptimizerKind fromId(String id) {
    return Ids.parse(OptimizerKind.class, id, "optimizer", null);
  }

  @Override
  public String toString() {
    return id;
  }
}
