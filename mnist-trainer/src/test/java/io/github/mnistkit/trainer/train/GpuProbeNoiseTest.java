package io.github.mnistkit.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.mnistkit.trainer.nn.Architecture;
import org.junit.jupiter.api.Test;

/** The it-tests check Maven's log itself; this checks the switch is set by the time DJL runs. */
class GpuProbeNoiseTest {
  @Test
  void djlGpuProbeLoggerIsQuietOnlyWithoutADriver() {
    TrainedModel.untrained(Architecture.BASIC_CNN, 1).close();
    String level = System.getProperty(GpuProbeNoise.LEVEL_PROPERTY);
    if (io.github.mnistkit.sdk.Device.nvidiaDriverPresent()) {
      assertNull(level, "with a driver the probe's warnings are real and stay");
    } else {
      assertEquals("error", level);
    }
  }
}
