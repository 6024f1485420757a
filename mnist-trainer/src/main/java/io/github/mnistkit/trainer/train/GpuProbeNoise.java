package io.github.mnistkit.trainer.train;

import io.github.mnistkit.sdk.Device;

/**
 * Keeps DJL's GPU probe quiet on machines without an NVIDIA driver. When the PyTorch engine starts,
 * DJL's {@code CudaUtils} loads the CUDA runtime (libcudart, present wherever a CUDA toolkit is
 * installed, also without a GPU) and asks it for the device count; without a driver that fails and
 * it logs the warning "Failed to detect GPU count: CUDA driver version is insufficient for CUDA
 * runtime version", twice per run (platform detection, then the PyTorch library lookup). DJL has no
 * setting that skips the probe, and the trainer runs on the CPU anyway, so on such machines that
 * one logger is set to errors only, before DJL creates it. Every other logger, and that logger on
 * machines with a driver (where the message points at a real problem), is left alone.
 *
 * <p>The level is set through SLF4J Simple's system property, which is how Maven's own logger (and
 * any application on slf4j-simple) is configured; an explicit setting of that property wins.
 */
final class GpuProbeNoise {
  /** SLF4J Simple's level property for DJL's CudaUtils logger. */
  static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

  private GpuProbeNoise() {}

  /** Call before the first use of the DJL engine; does nothing when a driver is present. */
  static synchronized void quietWithoutDriver() {
    if (System.getProperty(LEVEL_PROPERTY) == null && !Device.nvidiaDriverPresent()) {
      System.setProperty(LEVEL_PROPERTY, "error");
    }
  }
}
