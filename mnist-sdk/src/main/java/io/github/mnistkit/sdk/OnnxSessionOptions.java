package io.github.mnistkit.sdk;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The ONNX Runtime session options {@link DigitRecognizer} runs its models with on CPU, for code
 * that opens its own session of a model and must see what the SDK sees: benchmarks of raw ONNX
 * Runtime, checks of the graph ONNX Runtime optimises an exported model into.
 */
public final class OnnxSessionOptions {
  private OnnxSessionOptions() {}

  /**
   * New options (the caller closes them, after the session): all graph optimisations except QDQ
   * propagation, and {@code threads} intra-op threads with one inter-op thread, or ONNX Runtime's
   * defaults for both when {@code threads} is 0 or less.
   */
  public static OrtSession.SessionOptions create(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // mnist-kit's int8 graphs place every quantisation themselves and keep the image's
      // convolution and its max-pool in fp32; propagation would move the quantisation above that
      // pool and run it on uint8 in NCHW, 3x slower than the whole rest of the model.
      options.addConfigEntry(
          "optimization.disable_specified_optimizers", "QDQPropagationTransformer");
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
      }
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
