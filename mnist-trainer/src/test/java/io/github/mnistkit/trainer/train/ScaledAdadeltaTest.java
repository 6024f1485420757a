package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** One parameter, three steps, against PyTorch's Adadelta formulas worked by hand. */
class ScaledAdadeltaTest {
  @Test
  void followsPyTorchsAdadelta() {
    double lr = 0.5;
    double rho = 0.9;
    double eps = 1e-6;
    double w = 1.0;
    double squareAvg = 0;
    double accDelta = 0;
    double[] grads = {0.5, -0.2, 0.3};
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray weight = manager.create(new float[] {1f});
      ScaledAdadelta optimizer = new ScaledAdadelta((id, update) -> (float) lr);
      for (double g : grads) {
        optimizer.update("w", weight, manager.create(new float[] {(float) g}));
        squareAvg = rho * squareAvg + (1 - rho) * g * g;
        double delta = Math.sqrt(accDelta + eps) / Math.sqrt(squareAvg + eps) * g;
        accDelta = rho * accDelta + (1 - rho) * delta * delta;
        w -= lr * delta;
        assertEquals(w, weight.getFloat(0), 1e-6);
      }
    }
  }
}
