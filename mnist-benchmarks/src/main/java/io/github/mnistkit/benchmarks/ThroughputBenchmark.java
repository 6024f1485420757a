package io.github.mnistkit.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.OnnxSessionOptions;
import io.github.mnistkit.sdk.Precision;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batches of MNIST-ready 28×28 inputs through {@link DigitRecognizer#classify(List)} for the
 * bundled model in fp32 and int8, beside raw ONNX Runtime calls on the same model: with a tensor
 * made once ({@code rawOnnxRuntime}), made from a heap array per call as the SDK does ({@code
 * rawFreshBuffers}), and with a reused direct input buffer and a pre-allocated output ({@code
 * rawReusedBuffers}; the difference is what buffer reuse could save). {@code
 * sdkClassifyFreshTensors} is the SDK with its single-image tensor pool switched off (system
 * property {@code mnistkit.freshTensors}), i.e. new tensors per call as before; it differs from
 * {@code sdkClassify} only at batch 1. Images/s = batch × 10⁶ / (µs per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ThroughputBenchmark {
  @Param({"1", "64", "256"})
  public int batch;

  @Param({"1", "2"})
  public int threads;

  @Param({"fp32", "int8"})
  public String precision;

  private DigitRecognizer recognizer;
  private DigitRecognizer freshTensorsRecognizer;
  private List<DigitImage> inputs;
  private OrtSession session;
  private OnnxTensor tensor;
  private float[] heapPixels;
  private FloatBuffer directInput;
  private OnnxTensor directTensor;
  private OnnxTensor pinnedOutput;
  private Map<String, OnnxTensor> pinned;
  private int classes;

  @Setup(Level.Trial)
  public void setUp() throws OrtException, IOException {
    IdxDataset test = BenchmarkData.testSet();
    inputs = new ArrayList<>();
    float[] pixels = new float[batch * 784];
    for (int i = 0; i < batch; i++) {
      inputs.add(DigitImage.ofMnistBytes(test.imageBytes(i % test.size())));
      test.copyImage(i % test.size(), pixels, i * 784);
    }
    Precision chosen = Precision.valueOf(precision.toUpperCase(Locale.ROOT));
    recognizer = DigitRecognizer.builder().precision(chosen).threads(threads).build();
    System.setProperty("mnistkit.freshTensors", "true");
    try {
      freshTensorsRecognizer = DigitRecognizer.builder().precision(chosen).threads(threads).build();
    } finally {
      System.clearProperty("mnistkit.freshTensors");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] model;
    String resource = chosen == Precision.INT8 ? "default-model-int8.onnx" : "default-model.onnx";
    try (InputStream in =
        DigitRecognizer.class.getResourceAsStream("/io/github/mnistkit/sdk/" + resource)) {
      model = in.readAllBytes();
    }
    try (OrtSession.SessionOptions options = OnnxSessionOptions.create(threads)) {
      session = env.createSession(model, options);
    }
    classes = (int) outputShape(session)[1]; // 10, or 11 with "not a digit"
    tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {batch, 1, 28, 28});
    heapPixels = pixels;
    directInput =
        ByteBuffer.allocateDirect(pixels.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    directTensor = OnnxTensor.createTensor(env, directInput, new long[] {batch, 1, 28, 28});
    FloatBuffer output =
        ByteBuffer.allocateDirect(batch * classes * 4)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    pinnedOutput = OnnxTensor.createTensor(env, output, new long[] {batch, classes});
    pinned = Map.of("probabilities", pinnedOutput);
  }

  private static long[] outputShape(OrtSession session) throws OrtException {
    return ((ai.onnxruntime.TensorInfo) session.getOutputInfo().get("probabilities").getInfo())
        .getShape();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    tensor.close();
    directTensor.close();
    pinnedOutput.close();
    session.close();
    recognizer.close();
    freshTensorsRecognizer.close();
  }

  @Benchmark
  public List<Recognition> sdkClassify() {
    return recognizer.classify(inputs);
  }

  @Benchmark
  public List<Recognition> sdkClassifyFreshTensors() {
    return freshTensorsRecognizer.classify(inputs);
  }

  @Benchmark
  public float rawOnnxRuntime() throws OrtException {
    try (OrtSession.Result result = session.run(Map.of("image", tensor))) {
      return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
    }
  }

  @Benchmark
  public float rawFreshBuffers() throws OrtException {
    try (OnnxTensor input =
            OnnxTensor.createTensor(
                OrtEnvironment.getEnvironment(),
                FloatBuffer.wrap(heapPixels),
                new long[] {batch, 1, 28, 28});
        OrtSession.Result result = session.run(Map.of("image", input))) {
      float[] values = new float[batch * classes];
      ((OnnxTensor) result.get("probabilities").orElseThrow()).getFloatBuffer().get(values);
      return values[0];
    }
  }

  @Benchmark
  public float rawReusedBuffers() throws OrtException {
    directInput.clear();
    directInput.put(heapPixels);
    try (OrtSession.Result result = session.run(Map.of("image", directTensor), Set.of(), pinned)) {
      float[] values = new float[batch * classes];
      FloatBuffer out = pinnedOutput.getFloatBuffer();
      out.get(values);
      return values[0];
    }
  }
}
