package io.github.mnistkit.sdk;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.mnistkit.sdk.image.DigitImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One ONNX Runtime session over a digit model: checks that the model takes [N,1,28,28] and gives
 * [N,10] (or [N,11] with a declared "not a digit" class) and that its calibration metadata is
 * sound, picks the device, and classifies MNIST-style inputs in batches. Thread-safe: runs share a
 * read lock, and {@link #close()} takes the write lock, so it waits for runs in flight and no run
 * can start on a closed session (ONNX Runtime would crash the JVM).
 */
final class OnnxDigitModel implements AutoCloseable {
  /** The largest number of images sent to ONNX Runtime in one call. */
  static final int MAX_BATCH = 1024;

  /**
   * Images per ONNX Runtime call on CPU. A chunk's activations stay in the CPU's caches: a batch of
   * 256 runs in chunks of 32 at 1.37× (int8) and 1.12× (fp32) the throughput of one call on one
   * thread, 1.5× and 1.13× on two (docs/benchmarks.md, "int8 vs fp32").
   */
  static final int CPU_CHUNK = 32;

  private static final long[] INPUT_SHAPE = {1, 28, 28};
  private static final int PIXELS = DigitImage.SIZE * DigitImage.SIZE;

  /**
   * Set to {@code true} to create new tensors for every run, single images included (how all runs
   * worked before single-image runs reused theirs), e.g. to compare the two in a benchmark; read
   * when a model is opened.
   */
  static final String FRESH_TENSORS_PROPERTY = "mnistkit.freshTensors";

  private final OrtSession session;
  private final OrtSession.SessionOptions options; // ORT requires them open for the session's life
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock
  private final String inputName;
  private final String outputName;
  private final boolean outputIsLogits;
  private final int classes;
  private final float temperature;
  private final float threshold;
  private final Device device;
  private final ModelInfo info;
  private final SingleImageRunner single; // null: tensors are created per call

  private OnnxDigitModel(
      OpenSession open, Device device, String source, String sha256, Float threshold)
      throws OrtException {
    this.session = open.session();
    this.options = open.options();
    this.device = device;
    this.inputName = checkInput(session, source);
    this.info = new ModelInfo(source, session.getMetadata().getCustomMetadata(), sha256);
    this.temperature = (float) calibration(info, ModelMetadata.TEMPERATURE, 1.0, 0.05, 20);
    this.threshold =
        threshold != null
            ? threshold
            : (float) calibration(info, ModelMetadata.CONFIDENCE_THRESHOLD, 0.0, 0.0, 1.0);
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (temperature != 1f && outputs.containsKey(ModelMetadata.LOGITS_OUTPUT)) {
      this.outputName = ModelMetadata.LOGITS_OUTPUT;
      this.outputIsLogits = true;
    } else if (outputs.containsKey(ModelMetadata.PROBABILITIES_OUTPUT)) {
      this.outputName = ModelMetadata.PROBABILITIES_OUTPUT;
      this.outputIsLogits = false;
    } else if (outputs.size() == 1) {
      this.outputName = outputs.keySet().iterator().next();
      this.outputIsLogits = true;
    } else {
      throw new InvalidModelException(
          source
              + " is not a digit model: it has outputs "
              + outputs.keySet()
              + " but none named '"
              + ModelMetadata.PROBABILITIES_OUTPUT
              + "'. Use a model exported by mnist-kit.");
    }
    this.classes = checkOutput(outputs.get(outputName), info);
    this.single = singleImageRunner(outputs.get(outputName));
  }

  /**
   * Pre-allocated tensors for one image per call, on CPU where they measurably help (see
   * docs/benchmarks.md), unless the system property {@value #FRESH_TENSORS_PROPERTY} is true.
   */
  private SingleImageRunner singleImageRunner(NodeInfo output) throws OrtException {
    if (device != Device.CPU || Boolean.getBoolean(FRESH_TENSORS_PROPERTY)) {
      return null;
    }
    long[] inputShape = tensorShape(session.getInputInfo().get(inputName), info.source(), "input");
    return SingleImageRunner.forOutput(session, inputName, inputShape, outputName, output);
  }

  /** A calibration number from the metadata, {@code absent} when missing; refused when not sane. */
  private static double calibration(
      ModelInfo info, String key, double absent, double min, double max) {
    String text = info.metadata().get(key);
    if (text == null) {
      return absent;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value >= min && value <= max)) {
      throw new InvalidModelException(
          info.source()
              + " declares "
              + key
              + " = '"
              + text
              + "'; it must be a number from "
              + min
              + " to "
              + max
              + ". Re-export the model, or remove the property.");
    }
    return value;
  }

  /**
   * @param threshold the confidence under which answers are "not sure", or null for the model's own
   *     ({@link ModelInfo#confidenceThreshold()}, else 0)
   */
  static OnnxDigitModel open(ModelSource model, Device requested, int threads, Float threshold) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] bytes = model.bytes();
    OnnxExternalData.refuse(bytes, model.name());
    Device device = resolve(requested);
    try {
      boolean auto = requested == Device.AUTO;
      OpenSession open = createSession(env, bytes, device, auto, threads, model.name());
      if (open == null) { // AUTO: CUDA looked possible but failed to start
        device = Device.CPU;
        open = createSession(env, bytes, Device.CPU, false, threads, model.name());
      }
      try {
        return new OnnxDigitModel(open, device, model.name(), model.sha256(), threshold);
      } catch (RuntimeException | OrtException e) {
        open.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new InvalidModelException(
          model.name() + " could not be read by ONNX Runtime: " + e.getMessage(), e);
    }
  }

  /** AUTO becomes CUDA only where the GPU build and an NVIDIA driver are both present. */
  private static Device resolve(Device requested) {
    boolean gpuBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    switch (requested) {
      case CPU:
        return Device.CPU;
      case CUDA:
        if (!gpuBuild) {
          throw new DeviceUnavailableException(
              "Device.CUDA was requested but this ONNX Runtime is the CPU"
                  + " build (com.microsoft.onnxruntime:onnxruntime). Depend on"
                  + " com.microsoft.onnxruntime:onnxruntime_gpu instead (Linux/Windows x64, CUDA 12, cuDNN 9),"
                  + " or use Device.AUTO/CPU.");
        }
        if (!Device.nvidiaDriverPresent()) {
          throw new DeviceUnavailableException(
              "Device.CUDA was requested but no NVIDIA driver was found"
                  + " on this machine. Install the driver, or use Device.AUTO/CPU.");
        }
        return Device.CUDA;
      default:
        return gpuBuild && Device.nvidiaDriverPresent() ? Device.CUDA : Device.CPU;
    }
  }

  /** A session and the options it was created with, which must outlive it. */
  private record OpenSession(OrtSession session, OrtSession.SessionOptions options) {
    void close() throws OrtException {
      try {
        session.close();
      } finally {
        options.close();
      }
    }
  }

  /**
   * Returns null when AUTO chose CUDA but the CUDA provider could not start (the caller falls
   * back).
   */
  private static OpenSession createSession(
      OrtEnvironment env, byte[] bytes, Device device, boolean auto, int threads, String name)
      throws OrtException {
    OrtSession.SessionOptions options = OnnxSessionOptions.create(threads);
    try {
      if (device == Device.CUDA) {
        try {
          options.addCUDA(0);
        } catch (OrtException e) {
          if (auto) {
            options.close();
            return null;
          }
          throw new DeviceUnavailableException(
              "The CUDA provider could not start for "
                  + name
                  + ": "
                  + e.getMessage()
                  + ". Check that CUDA 12 and cuDNN 9 libraries are on the library path,"
                  + " or use Device.AUTO/CPU.",
              e);
        }
      }
      return new OpenSession(env.createSession(bytes, options), options);
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  private static String checkInput(OrtSession session, String source) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (inputs.size() != 1) {
      throw new InvalidModelException(
          source
              + " is not a digit model: it takes "
              + inputs.size()
              + " inputs "
              + inputs.keySet()
              + ", expected one float tensor [N,1,28,28].");
    }
    Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
    long[] shape = tensorShape(input.getValue(), source, "input");
    if (shape.length != 4 || !Arrays.equals(Arrays.copyOfRange(shape, 1, 4), INPUT_SHAPE)) {
      throw new InvalidModelException(
          source
              + " is not a digit model: its input '"
              + input.getKey()
              + "' has shape "
              + Arrays.toString(shape)
              + ", expected [N, 1, 28, 28].");
    }
    return input.getKey();
  }

  /** The number of classes: 10, or 11 for a model that declares the "not a digit" class. */
  private static int checkOutput(NodeInfo output, ModelInfo info) {
    long[] shape = tensorShape(output, info.source(), "output");
    int expected = info.canRefuse() ? 11 : 10;
    if (shape.length != 2 || shape[1] != expected) {
      throw new InvalidModelException(
          info.source()
              + " is not a digit model: its output '"
              + output.getName()
              + "' has shape "
              + Arrays.toString(shape)
              + ", expected [N, "
              + expected
              + "]"
              + (info.canRefuse()
                  ? " (its metadata declares the 'not a digit' class)."
                  : " (ten digits; an 11th 'not a digit' output must be declared in the metadata"
                      + " property "
                      + ModelMetadata.CLASSES
                      + " = "
                      + ModelMetadata.CLASSES_WITH_NOT_A_DIGIT
                      + ")."));
    }
    return expected;
  }

  private static long[] tensorShape(NodeInfo node, String source, String role) {
    if (!(node.getInfo() instanceof TensorInfo tensor)
        || tensor.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
      throw new InvalidModelException(
          source
              + " is not a digit model: its "
              + role
              + " '"
              + node.getName()
              + "' is "
              + node.getInfo()
              + ", expected a float tensor.");
    }
    return tensor.getShape();
  }

  /**
   * One result per input, in order: blank inputs answer "no digit" without reaching the model; the
   * others are classified in batches of up to {@link #CPU_CHUNK} on CPU, {@link #MAX_BATCH} on
   * CUDA.
   *
   * @throws RecognizerClosedException if this model was closed
   */
  List<Recognition> classify(List<DigitImage> digits) {
    Recognition[] results = new Recognition[digits.size()];
    List<Integer> inked = new ArrayList<>(digits.size());
    for (int i = 0; i < digits.size(); i++) {
      DigitImage digit = Objects.requireNonNull(digits.get(i), "digit image");
      if (digit.isBlank()) {
        results[i] = Recognition.noDigit(digit, info.source());
      } else {
        inked.add(i);
      }
    }
    int chunk = device == Device.CPU ? CPU_CHUNK : MAX_BATCH;
    for (int start = 0; start < inked.size(); start += chunk) {
      List<Integer> batch = inked.subList(start, Math.min(inked.size(), start + chunk));
      float[] pixels = new float[batch.size() * PIXELS];
      for (int j = 0; j < batch.size(); j++) {
        digits.get(batch.get(j)).copyTo(pixels, j * PIXELS);
      }
      float[] probabilities = probabilities(pixels, batch.size());
      for (int j = 0; j < batch.size(); j++) {
        float[] row = Arrays.copyOfRange(probabilities, j * classes, (j + 1) * classes);
        results[batch.get(j)] =
            new Recognition(row, threshold, digits.get(batch.get(j)), info.source());
      }
    }
    return List.of(results);
  }

  /** Calibrated probabilities [n*classes] for n images of 784 floats each. */
  private float[] probabilities(float[] pixels, int n) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw closedException();
      }
      return run(pixels, n);
    } finally {
      lock.readLock().unlock();
    }
  }

  private float[] run(float[] pixels, int n) {
    if (n == 1 && single != null) {
      float[] values = runSingle(pixels);
      if (values != null) {
        return calibrated(values);
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor input =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(pixels, 0, n * PIXELS), new long[] {n, 1, 28, 28});
        OrtSession.Result result = session.run(Map.of(inputName, input))) {
      return calibrated(outputValues(result, n));
    } catch (OrtException e) {
      throw new InvalidModelException(
          info.source()
              + " failed to run on a valid input of "
              + n
              + " images ["
              + n
              + ", 1, 28, 28]: "
              + e.getMessage()
              + ". The model is broken; re-export"
              + " it.",
          e);
    }
  }

  /** Probabilities at the model's calibration temperature, from its logits or probabilities. */
  private float[] calibrated(float[] values) {
    return outputIsLogits
        ? Softmax.apply(values, classes, temperature)
        : Softmax.sharpen(values, classes, temperature);
  }

  /**
   * One image through the pre-allocated tensors; null when ONNX Runtime refuses the run (e.g. a
   * model whose real output shape is not the declared one), so that the per-call path runs it and
   * reports what is wrong as before.
   */
  private float[] runSingle(float[] pixels) {
    try {
      return single.run(pixels);
    } catch (OrtException e) {
      return null;
    }
  }

  /** The [n, classes] float output; a model whose declared shapes lie is refused here. */
  private float[] outputValues(OrtSession.Result result, int n) throws OrtException {
    if (!(result.get(outputName).orElse(null) instanceof OnnxTensor output)
        || output.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT
        || !Arrays.equals(output.getInfo().getShape(), new long[] {n, classes})) {
      throw new InvalidModelException(
          info.source()
              + " is not a digit model: for "
              + n
              + " images its output '"
              + outputName
              + "' is not a float tensor ["
              + n
              + ", "
              + classes
              + "].");
    }
    float[] values = new float[n * classes];
    output.getFloatBuffer().get(values);
    return values;
  }

  Device device() {
    return device;
  }

  ModelInfo info() {
    return info;
  }

  /** The confidence under which answers are {@link Recognition.Verdict#UNSURE}. */
  float confidenceThreshold() {
    return threshold;
  }

  /** Whether {@link #close()} has been called. */
  boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }

  RecognizerClosedException closedException() {
    return new RecognizerClosedException(
        "The recognizer of "
            + info.source()
            + " is closed: it"
            + " cannot be used after close(). Create a new one, or close it only when no more calls"
            + " will come.");
  }

  /**
   * Waits for runs in flight, then frees the session and its options. Idempotent; later calls to
   * {@link #classify} throw {@link RecognizerClosedException}.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (single != null) {
        single.close();
      }
      new OpenSession(session, options).close();
    } catch (OrtException e) {
      throw new MnistKitException(
          "Could not close the ONNX Runtime session of " + info.source(), e);
    } finally {
      lock.writeLock().unlock();
    }
  }
}
