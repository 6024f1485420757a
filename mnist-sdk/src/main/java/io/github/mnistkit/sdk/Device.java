package io.github.mnistkit.sdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Where a {@link DigitRecognizer} runs its model. */
public enum Device {
  /** ONNX Runtime's CPU provider; always available. */
  CPU,
  /**
   * ONNX Runtime's CUDA provider. Needs the {@code onnxruntime_gpu} artifact, an NVIDIA driver,
   * CUDA 12 and cuDNN 9; fails with {@link DeviceUnavailableException} otherwise.
   */
  CUDA,
  /**
   * CUDA when it is usable, else CPU. Decides without a multi-second attempt where no NVIDIA driver
   * exists.
   */
  AUTO;

  /**
   * Whether this machine has an NVIDIA driver: the kernel driver's files on Linux, {@code
   * nvcuda.dll} on Windows. Cheap, and unlike {@code OrtEnvironment.getAvailableProviders()} it
   * does not answer yes for a GPU build on a machine without a GPU.
   */
  public static boolean nvidiaDriverPresent() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("linux")) {
      return Files.exists(Path.of("/proc/driver/nvidia/version"))
          || Files.exists(Path.of("/dev/nvidiactl"));
    }
    if (os.contains("windows")) {
      String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
      return Files.exists(Path.of(root, "System32", "nvcuda.dll"));
    }
    return false;
  }
}
