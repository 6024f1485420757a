package io.github.mnistkit.sdk;

/** Where a {@link DigitRecognizer} runs its model. */
public enum Device {
  /** ONNX Runtime's CPU provider; always available. */
  CPU,
  /**
   * ONNX Runtime's CUDA provider. Needs the {@code onnxruntime_gpu} artifact, an NVIDIA driver, CUDA
   * 12 and cuDNN 9; fails with {@link DeviceUnavailableException} otherwise.
   */
  CUDA,
  /** CUDA when it is usable, else CPU. Decides without a multi-second attempt where no NVIDIA driver exists. */
  AUTO
}
