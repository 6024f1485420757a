package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * PyTorch accumulates gradients until they are cleared; every optimiser we offer must leave the
 * parameter's gradient at zero after a step, or each step would re-apply all earlier gradients.
 */
class OptimizerStepTest {
  @Test
  void everyOptimizerClearsTheGradientAfterItsStep() {
    for (String opt : new String[] {"sgd", "adam", "adadelta"}) {
      try (Model model = Model.newInstance("p", ai.djl.Device.cpu(), "PyTorch")) {
        model.setBlock(Linear.builder().setUnits(1).build());
        Optimizer o =
            opt.equals("sgd")
                ? Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build()
                : opt.equals("adam")
                    ? Optimizer.adam().optLearningRateTracker(Tracker.fixed(0f)).build()
                    : new ScaledAdadelta((id, u) -> 0f);
        try (Trainer trainer =
            model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(o))) {
          trainer.initialize(new Shape(1, 1));
          var w = model.getBlock().getParameters().get("weight").getArray();
          for (int i = 0; i < 3; i++) {
            var x = trainer.getManager().create(new float[] {1f}, new Shape(1, 1));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              var out = trainer.forward(new NDList(x)).singletonOrThrow();
              gc.backward(out.sum());
            }
            assertEquals(1f, w.getGradient().getFloat(0), opt + " gradient of step " + i);
            trainer.step();
            assertEquals(0f, w.getGradient().getFloat(0), opt + " gradient after step " + i);
          }
        }
      }
    }
  }
}
