package io.github.mnistkit.sdk;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * One ONNX Runtime session over a digit model: checks that the model takes [N,1,28,28] and gives
 * [N,10], picks the device, and runs batches. Thread-safe (ONNX Runtime sessions are).
 */
final class OnnxDigitModel implements AutoCloseable {
  private static final long[] INPUT_SHAPE = {1, 28, 28};

  private final OrtSession session;
  private final String inputName;
  private final String outputName;
  private final boolean outputIsLogits;
  private final Device device;
  private final ModelInfo info;

  private OnnxDigitModel(OrtSession session, Device device, String source) throws OrtException {
    this.session = session;
    this.device = device;
    this.inputName = checkInput(session, source);
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (outputs.containsKey(ModelMetadata.PROBABILITIES_OUTPUT)) {
      this.outputName = ModelMetadata.PROBABILITIES_OUTPUT;
      this.outputIsLogits = false;
    } else if (outputs.size() == 1) {
      this.outputName = outputs.keySet().iterator().next();
      this.outputIsLogits = true;
    } else {
      throw new InvalidModelException(source + " is not a digit model: it has outputs " + outputs.keySet()
          + " but none named '" + ModelMetadata.PROBABILITIES_OUTPUT + "'. Use a model exported by mnist-kit.");
    }
    checkOutput(outputs.get(outputName), source);
    this.info = new ModelInfo(source, session.getMetadata().getCustomMetadata());
  }

  static OnnxDigitModel open(ModelSource model, Device requested, int threads) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] bytes = model.bytes();
    OnnxExternalData.refuse(bytes, model.name());
    Device device = resolve(requested, env);
    try {
      boolean auto = requested == Device.AUTO;
      OrtSession session = createSession(env, bytes, device, auto, threads, model.name());
      if (session == null) { // AUTO: CUDA looked possible but failed to start
        device = Device.CPU;
        session = createSession(env, bytes, Device.CPU, false, threads, model.name());
      }
      try {
        return new OnnxDigitModel(session, device, model.name());
      } catch (RuntimeException | OrtException e) {
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new InvalidModelException(model.name() + " could not be read by ONNX Runtime: " + e.getMessage(), e);
    }
  }

  /** AUTO becomes CUDA only where the GPU build and an NVIDIA driver are both present. */
  private static Device resolve(Device requested, OrtEnvironment env) {
    boolean gpuBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    switch (requested) {
      case CPU:
        return Device.CPU;
      case CUDA:
        if (!gpuBuild) {
          throw new DeviceUnavailableException("Device.CUDA was requested but this ONNX Runtime is the CPU"
              + " build (com.microsoft.onnxruntime:onnxruntime). Depend on"
              + " com.microsoft.onnxruntime:onnxruntime_gpu instead (Linux/Windows x64, CUDA 12, cuDNN 9),"
              + " or use Device.AUTO/CPU.");
        }
        if (!nvidiaDriverPresent()) {
          throw new DeviceUnavailableException("Device.CUDA was requested but no NVIDIA driver was found"
              + " on this machine. Install the driver, or use Device.AUTO/CPU.");
        }
        return Device.CUDA;
      default:
        return gpuBuild && nvidiaDriverPresent() ? Device.CUDA : Device.CPU;
    }
  }

  static boolean nvidiaDriverPresent() {
    String os = System.getProperty("os.name", "").toLowerCase();
    if (os.contains("linux")) {
      return Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidiactl"));
    }
    if (os.contains("windows")) {
      String root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
      return Files.exists(Path.of(root, "System32", "nvcuda.dll"));
    }
    return false;
  }

  /** Returns null when AUTO chose CUDA but the CUDA provider could not start (the caller falls back). */
  private static OrtSession createSession(OrtEnvironment env, byte[] bytes, Device device, boolean auto,
      int threads, String name) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
      }
      if (device == Device.CUDA) {
        try {
          options.addCUDA(0);
        } catch (OrtException e) {
          if (auto) {
            return null;
          }
          throw new DeviceUnavailableException("The CUDA provider could not start for " + name + ": "
              + e.getMessage() + ". Check that CUDA 12 and cuDNN 9 libraries are on the library path,"
              + " or use Device.AUTO/CPU.", e);
        }
      }
      return env.createSession(bytes, options);
    }
  }

  private static String checkInput(OrtSession session, String source) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (inputs.size() != 1) {
      throw new InvalidModelException(source + " is not a digit model: it takes " + inputs.size()
          + " inputs " + inputs.keySet() + ", expected one float tensor [N,1,28,28].");
    }
    Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
    long[] shape = tensorShape(input.getValue(), source, "input");
    if (shape.length != 4 || !Arrays.equals(Arrays.copyOfRange(shape, 1, 4), INPUT_SHAPE)) {
      throw new InvalidModelException(source + " is not a digit model: its input '" + input.getKey()
          + "' has shape " + Arrays.toString(shape) + ", expected [N, 1, 28, 28].");
    }
    return input.getKey();
  }

  private static void checkOutput(NodeInfo output, String source) {
    long[] shape = tensorShape(output, source, "output");
    if (shape.length != 2 || shape[1] != 10) {
      throw new InvalidModelException(source + " is not a digit model: its output '" + output.getName()
          + "' has shape " + Arrays.toString(shape) + ", expected [N, 10].");
    }
  }

  private static long[] tensorShape(NodeInfo node, String source, String role) {
    if (!(node.getInfo() instanceof TensorInfo tensor)
        || tensor.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
      throw new InvalidModelException(source + " is not a digit model: its " + role + " '" + node.getName()
          + "' is " + node.getInfo() + ", expected a float tensor.");
    }
    return tensor.getShape();
  }

  /** Probabilities [n*10] for n images of 784 floats each. */
  float[] probabilities(float[] pixels, int n) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels, 0, n * 784),
            new long[] {n, 1, 28, 28});
        OrtSession.Result result = session.run(Map.of(inputName, input))) {
      float[] values = outputValues(result, n);
      return outputIsLogits ? softmax(values) : values;
    } catch (OrtException e) {
      throw new InvalidModelException(info.source() + " failed to run on a valid input of " + n
          + " images [" + n + ", 1, 28, 28]: " + e.getMessage() + ". The model is broken; re-export"
          + " it.", e);
    }
  }

  /** The [n, 10] float output; a model whose declared shapes lie is refused here. */
  private float[] outputValues(OrtSession.Result result, int n) throws OrtException {
    if (!(result.get(outputName).orElse(null) instanceof OnnxTensor output)
        || output.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT
        || !Arrays.equals(output.getInfo().getShape(), new long[] {n, 10})) {
      throw new InvalidModelException(info.source() + " is not a digit model: for " + n
          + " images its output '" + outputName + "' is not a float tensor [" + n + ", 10].");
    }
    float[] values = new float[n * 10];
    output.getFloatBuffer().get(values);
    return values;
  }

  private static float[] softmax(float[] logits) {
    for (int row = 0; row < logits.length; row += 10) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < 10; c++) {
        max = Math.max(max, logits[row + c]);
      }
      float sum = 0;
      for (int c = 0; c < 10; c++) {
        logits[row + c] = (float) Math.exp(logits[row + c] - max);
        sum += logits[row + c];
      }
      for (int c = 0; c < 10; c++) {
        logits[row + c] /= sum;
      }
    }
    return logits;
  }

  Device device() {
    return device;
  }

  ModelInfo info() {
    return info;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new MnistKitException("Could not close the ONNX Runtime session of " + info.source(), e);
    }
  }
}
