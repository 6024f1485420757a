package io.github.mnistkit.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Batches of MNIST-ready 28×28 inputs through {@link DigitRecognizer#classify(List)}, beside the raw
 * ONNX Runtime call on the same tensor (the SDK's overhead is the difference). Images/s = batch ×
 * 10⁶ / (µs per call).
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

  private DigitRecognizer recognizer;
  private List<DigitImage> inputs;
  private OrtSession session;
  private OnnxTensor tensor;

  @Setup(Level.Trial)
  public void setUp() throws OrtException, IOException {
    IdxDataset test = BenchmarkData.testSet();
    inputs = new ArrayList<>();
    float[] pixels = new float[batch * 784];
    for (int i = 0; i < batch; i++) {
      inputs.add(DigitImage.ofMnistBytes(test.imageBytes(i % test.size())));
      test.copyImage(i % test.size(), pixels, i * 784);
    }
    recognizer = DigitRecognizer.builder().threads(threads).build();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    byte[] model;
    try (InputStream in = DigitRecognizer.class.getResourceAsStream("/io/github/mnistkit/sdk/default-model.onnx")) {
      model = in.readAllBytes();
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      session = env.createSession(model, options);
    }
    tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {batch, 1, 28, 28});
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    tensor.close();
    session.close();
    recognizer.close();
  }

  @Benchmark
  public List<Recognition> sdkClassify() {
    return recognizer.classify(inputs);
  }

  @Benchmark
  public float rawOnnxRuntime() throws OrtException {
    try (OrtSession.Result result = session.run(Map.of("image", tensor))) {
      return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
    }
  }
}
