package io.github.mnistkit.trainer.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adadelta with a learning rate, as PyTorch defines it ({@code w -= lr * delta}). DJL's own
 * Adadelta has no learning rate, so the reference recipe (lr 1.0, ×0.7 per epoch) cannot be
 * expressed with it.
 */
final class ScaledAdadelta extends Optimizer {
  private static final float RHO = 0.9f;
  private static final float EPSILON = 1e-6f;

  private final ParameterTracker learningRate;
  private final Map<String, Map<Device, NDArray>> squaredGradients = new ConcurrentHashMap<>();
  private final Map<String, Map<Device, NDArray>> squaredDeltas = new ConcurrentHashMap<>();

  ScaledAdadelta(ParameterTracker learningRate) {
    super(new Builder());
    this.learningRate = learningRate;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    float rate = learningRate.getNewValue(parameterId, updateCount(parameterId));
    Device device = weight.getDevice();
    NDArray meanSquare =
        withDefaultState(squaredGradients, parameterId, device, k -> weight.zerosLike());
    NDArray meanDelta =
        withDefaultState(squaredDeltas, parameterId, device, k -> weight.zerosLike());
    // every temporary is closed here: they belong to the parameter's manager, which lives as long
    // as the model, so an unclosed one would leak the size of the parameter on every step
    meanSquare.muli(RHO);
    try (NDArray g2 = grad.square()) {
      meanSquare.addi(g2.muli(1 - RHO));
    }
    try (NDArray deltaEps = meanDelta.add(EPSILON);
        NDArray delta = deltaEps.sqrt();
        NDArray squareEps = meanSquare.add(EPSILON);
        NDArray rms = squareEps.sqrt()) {
      delta.divi(rms).muli(grad);
      try (NDArray d2 = delta.square()) {
        meanDelta.muli(RHO).addi(d2.muli(1 - RHO));
      }
      weight.subi(delta.muli(rate));
    }
    // PyTorch accumulates gradients until they are cleared, and DJL's built-in optimisers clear
    // them
    // inside their fused update; without this, every step would add all previous gradients again.
    // (DJL hands the optimiser a copy, so the parameter's own gradient is cleared.)
    if (weight.hasGradient()) {
      try (NDArray own = weight.getGradient()) {
        own.subi(own);
      }
    }
  }

  private static final class Builder extends OptimizerBuilder<Builder> {
    @Override
    protected Builder self() {
      return this;
    }
  }
}
