package io.github.mnistkit.trainer.onnx;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.ModelInfo;
import io.github.mnistkit.sdk.OnnxSessionOptions;
import io.github.mnistkit.sdk.Precision;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainedModel;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Inference side by side on the bundled {@code cnn} (same weights everywhere): SDK fp32, SDK int8
 * and DJL's own {@link Predictor} (PyTorch engine, the bundled ONNX weights loaded into the DJL
 * block and checked against the SDK), plus the physical limit of one core (ONNX Runtime's fp32
 * MatMul and int8 MatMulInteger on a large GEMM). Rows are measured in interleaved rounds (A B C A
 * B C …, order rotated each round); prints one JSON line per round.
 *
 * <p>usage: {@code InferenceSideBySide DATA_DIR THREADS ROUNDS SECONDS_PER_ROW [--dump DIR]};
 * {@code --dump} also writes the weights and expected probabilities for
 * scripts/pytorch_reference.py.
 */
public final class InferenceSideBySide {
  private static final int[] BATCHES = {1, 64, 256};
  private static final int GEMM = 1024;

  private InferenceSideBySide() {}

  public static void main(String[] args) throws Exception {
    IdxDataset test =
        IdxReader.read(
            Path.of(args[0], "t10k-images-idx3-ubyte.gz"),
            Path.of(args[0], "t10k-labels-idx1-ubyte.gz"));
    int threads = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    double seconds = Double.parseDouble(args[3]);
    byte[] fp32Bytes = resource("default-model.onnx");
    ModelProto fp32 = ModelProto.parseFrom(fp32Bytes);
    List<TensorProto> weights = weights(fp32);
    try (DigitRecognizer sdkFp32 =
            DigitRecognizer.builder().precision(Precision.FP32).threads(threads).build();
        TrainedModel djlModel =
            TrainedModel.untrained(Architecture.CNN, classes(sdkFp32.modelInfo()), 1);
        Model model = Model.newInstance("bundled-cnn", ai.djl.Device.cpu(), "PyTorch");
        DigitRecognizer sdkInt8 =
            DigitRecognizer.builder().precision(Precision.INT8).threads(threads).build();
        OrtSession rawInt8 = session(resource("default-model-int8.onnx"), threads);
        BufferRows buffers =
            new BufferRows(rawInt8, pixels(test, 1), classes(sdkFp32.modelInfo()));
        OrtSession gemmFp32 = gemmSession(false);
        OrtSession gemmInt8 = gemmSession(true)) {
      load(djlModel, weights);
      model.setBlock(djlModel.block());
      ModelInfo info = sdkFp32.modelInfo();
      int classes = classes(info);
      float temperature = (float) info.temperature().orElse(1);
      try (Predictor<float[], float[]> predictor =
          model.newPredictor(new ProbabilitiesTranslator(temperature))) {
        float[] pixels = pixels(test, 256);
        checkSameModel(sdkFp32, predictor, classes, test, pixels);
        if (args.length > 5 && args[4].equals("--dump")) {
          dump(Path.of(args[5]), weights, sdkFp32, temperature, test);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int batch : BATCHES) {
          List<DigitImage> digits = digits(test, batch);
          float[] input = Arrays.copyOf(pixels(test, batch), batch * 784);
          rows.put("sdk_fp32_b" + batch, () -> sdkFp32.classify(digits).size());
          rows.put("sdk_int8_b" + batch, () -> sdkInt8.classify(digits).size());
          rows.put("djl_predictor_b" + batch, () -> predictor.predict(input).length / classes);
        }
        rows.put("ort_int8_fresh_buffers_b1", buffers::fresh);
        rows.put("ort_int8_reused_buffers_b1", buffers::reused);
        Map<String, Row> limits = new LinkedHashMap<>();
        limits.put("peak_fp32_gflops", () -> run(gemmFp32, false));
        limits.put("peak_int8_gops", () -> run(gemmInt8, true));
        for (int round = 0; round < rounds + 1; round++) { // round 0 warms up and is not printed
          Map<String, Double> figures = new LinkedHashMap<>();
          List<String> order = new ArrayList<>(rows.keySet());
          java.util.Collections.rotate(order, round);
          double time = round == 0 ? seconds / 4 : seconds;
          for (String name : order) {
            figures.put(name, perSecond(rows.get(name), time));
          }
          for (Map.Entry<String, Row> limit : limits.entrySet()) {
            figures.put(
                limit.getKey(), perSecond(limit.getValue(), time) * 2.0 * GEMM * GEMM * GEMM / 1e9);
          }
          if (round > 0) {
            System.out.println(json(threads, round, figures));
          }
        }
      }
    }
  }

  /** One call; returns images (or 1 for a GEMM). */
  private interface Row {
    int call() throws Exception;
  }

  private static double perSecond(Row row, double seconds) throws Exception {
    for (int i = 0; i < 5; i++) {
      row.call();
    }
    long start = System.nanoTime();
    long budget = (long) (seconds * 1e9);
    long done = 0;
    while (System.nanoTime() - start < budget) {
      done += row.call();
    }
    return done / ((System.nanoTime() - start) / 1e9);
  }

  private static String json(int threads, int round, Map<String, Double> figures) {
    StringBuilder json =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "{\"side\": \"java\", \"threads\": %d, \"round\": %d, \"macs_per_image\": %d",
                threads,
                round,
                Architecture.CNN.macsPerImage()));
    figures.forEach(
        (name, value) -> json.append(String.format(Locale.ROOT, ", \"%s\": %.1f", name, value)));
    return json.append('}').toString();
  }

  /** The initializers that are DJL parameters (all but the normalisation constants), in order. */
  static List<TensorProto> weights(ModelProto model) {
    Map<String, Integer> uses = new LinkedHashMap<>();
    for (NodeProto node : model.getGraph().getNodeList()) {
      if (!node.getOpType().equals("Sub") && !node.getOpType().equals("Div")) {
        node.getInputList().forEach(i -> uses.put(i, 1));
      }
    }
    return model.getGraph().getInitializerList().stream()
        .filter(t -> uses.containsKey(t.getName()))
        .toList();
  }

  private static void load(TrainedModel model, List<TensorProto> weights) {
    List<Parameter> parameters = model.block().getParameters().values();
    if (parameters.size() != weights.size()) {
      throw new IllegalStateException(
          "DJL cnn has " + parameters.size() + " parameters, the ONNX file " + weights.size());
    }
    for (int i = 0; i < weights.size(); i++) {
      NDArray array = parameters.get(i).getArray();
      float[] values = OnnxTensors.floats(weights.get(i));
      if (array.size() != values.length) {
        throw new IllegalStateException(
            "parameter "
                + i
                + " "
                + parameters.get(i).getName()
                + " has "
                + array.size()
                + " values, ONNX "
                + weights.get(i).getName()
                + " has "
                + values.length);
      }
      array.set(FloatBuffer.wrap(values));
    }
  }

  /** 11 with the "not a digit" class, else 10. */
  private static int classes(ModelInfo info) {
    return info.canRefuse() ? 11 : 10;
  }

  /** Compares the ten digit probabilities (the SDK's {@code probabilities()}) of both. */
  private static void checkSameModel(
      DigitRecognizer sdk,
      Predictor<float[], float[]> predictor,
      int classes,
      IdxDataset test,
      float[] pixels)
      throws TranslateException {
    float[] djl = predictor.predict(pixels);
    List<Recognition> onnx = sdk.classify(digits(test, 256));
    double maxDiff = 0;
    for (int i = 0; i < 256; i++) {
      for (int c = 0; c < 10; c++) {
        float expected = onnx.get(i).probabilities()[c];
        maxDiff = Math.max(maxDiff, Math.abs(djl[i * classes + c] - expected));
      }
    }
    if (maxDiff > 1e-4) {
      throw new IllegalStateException(
          "DJL and the SDK do not compute the same model: max |Δp| " + maxDiff);
    }
    System.err.printf(
        Locale.ROOT, "DJL Predictor and SDK fp32 agree on 256 images: max |Δp| %.2e%n", maxDiff);
  }

  /**
   * Writes the weights, their shapes, the softmax temperature and the SDK's ten digit probabilities
   * of the first 256 test images for {@code scripts/pytorch_reference.py infer}.
   */
  private static void dump(
      Path dir, List<TensorProto> weights, DigitRecognizer sdk, float temperature, IdxDataset test)
      throws IOException {
    Files.createDirectories(dir);
    StringBuilder manifest = new StringBuilder("[");
    try (DataOutputStream out =
        new DataOutputStream(Files.newOutputStream(dir.resolve("weights.bin")))) {
      for (TensorProto weight : weights) {
        float[] values = OnnxTensors.floats(weight);
        out.write(littleEndian(values));
        manifest
            .append(manifest.length() > 1 ? ", " : "")
            .append(Arrays.toString(OnnxTensors.dims(weight)));
      }
    }
    Files.writeString(dir.resolve("shapes.json"), manifest.append(']').toString());
    Files.writeString(dir.resolve("temperature.txt"), Float.toString(temperature));
    List<Recognition> expected = sdk.classify(digits(test, 256));
    float[] flat = new float[256 * 10];
    for (int i = 0; i < 256; i++) {
      System.arraycopy(expected.get(i).probabilities(), 0, flat, i * 10, 10);
    }
    Files.write(dir.resolve("expected-probabilities.bin"), littleEndian(flat));
  }

  private static byte[] littleEndian(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return bytes.array();
  }

  private static float[] pixels(IdxDataset test, int n) {
    float[] pixels = new float[n * 784];
    for (int i = 0; i < n; i++) {
      test.copyImage(i, pixels, i * 784);
    }
    return pixels;
  }

  private static List<DigitImage> digits(IdxDataset test, int n) {
    List<DigitImage> digits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      digits.add(DigitImage.ofMnistBytes(test.imageBytes(i)));
    }
    return digits;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in =
        DigitRecognizer.class.getResourceAsStream("/io/github/mnistkit/sdk/" + name)) {
      return in.readAllBytes();
    }
  }

  /**
   * A single-thread session computing one GEMM(GEMM×GEMM · GEMM×GEMM), fp32 MatMul or u8·s8
   * MatMulInteger.
   */
  private static OrtSession gemmSession(boolean int8) throws OrtException {
    Random random = new Random(1);
    int n = GEMM * GEMM;
    TensorProto b;
    if (int8) {
      byte[] values = new byte[n];
      random.nextBytes(values);
      b = OnnxTensors.int8s("b", values, GEMM, GEMM);
    } else {
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = random.nextFloat() - 0.5f;
      }
      b = OnnxTensors.floats("b", values, GEMM, GEMM);
    }
    TensorProto.DataType inType = int8 ? TensorProto.DataType.UINT8 : TensorProto.DataType.FLOAT;
    TensorProto.DataType outType = int8 ? TensorProto.DataType.INT32 : TensorProto.DataType.FLOAT;
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("gemm")
            .addInput(value("a", inType))
            .addOutput(value("y", outType))
            .addInitializer(b)
            .addNode(
                NodeProto.newBuilder()
                    .setOpType(int8 ? "MatMulInteger" : "MatMul")
                    .addInput("a")
                    .addInput("b")
                    .addOutput("y"))
            .build();
    ModelProto model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setGraph(graph)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .build();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    return OrtEnvironment.getEnvironment().createSession(model.toByteArray(), options);
  }

  private static ValueInfoProto value(String name, TensorProto.DataType type) {
    TensorShapeProto.Builder shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(GEMM))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(GEMM));
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static final Map<OrtSession, OnnxTensor> GEMM_INPUTS = new LinkedHashMap<>();

  private static int run(OrtSession session, boolean int8) throws OrtException {
    OnnxTensor input = GEMM_INPUTS.computeIfAbsent(session, s -> gemmInput(int8));
    try (OrtSession.Result result = session.run(Map.of("a", input))) {
      return 1;
    }
  }

  private static OnnxTensor gemmInput(boolean int8) {
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      long[] shape = {GEMM, GEMM};
      if (int8) {
        byte[] values = new byte[GEMM * GEMM];
        new Random(2).nextBytes(values);
        return OnnxTensor.createTensor(
            env, ByteBuffer.wrap(values), shape, ai.onnxruntime.OnnxJavaType.UINT8);
      }
      float[] values = new float[GEMM * GEMM];
      Random random = new Random(2);
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextFloat();
      }
      return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OrtSession session(byte[] model, int threads) throws OrtException {
    try (OrtSession.SessionOptions options = OnnxSessionOptions.create(threads)) {
      return OrtEnvironment.getEnvironment().createSession(model, options);
    }
  }

  /**
   * One image through ONNX Runtime as the SDK does it (a new input tensor from a heap array, all
   * outputs allocated per call) and with reused buffers (a direct input buffer refilled, the
   * probabilities written into a pre-allocated output): what buffer reuse could save at batch 1.
   */
  private static final class BufferRows implements AutoCloseable {
    private final OrtSession session;
    private final float[] pixels;
    private final FloatBuffer directInput;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> pinned;
    private final int classes;

    BufferRows(OrtSession session, float[] pixels, int classes) throws OrtException {
      this.session = session;
      this.pixels = pixels;
      this.classes = classes;
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      directInput =
          ByteBuffer.allocateDirect(784 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      inputTensor = OnnxTensor.createTensor(env, directInput, new long[] {1, 1, 28, 28});
      FloatBuffer out =
          ByteBuffer.allocateDirect(classes * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      outputTensor = OnnxTensor.createTensor(env, out, new long[] {1, classes});
      pinned = Map.of("probabilities", outputTensor);
    }

    int fresh() throws OrtException {
      try (OnnxTensor input =
              OnnxTensor.createTensor(
                  OrtEnvironment.getEnvironment(),
                  FloatBuffer.wrap(pixels),
                  new long[] {1, 1, 28, 28});
          OrtSession.Result result = session.run(Map.of("image", input))) {
        float[] values = new float[classes];
        ((OnnxTensor) result.get("probabilities").orElseThrow()).getFloatBuffer().get(values);
        return values[0] >= 0 ? 1 : 0;
      }
    }

    int reused() throws OrtException {
      directInput.clear();
      directInput.put(pixels);
      try (OrtSession.Result result =
          session.run(Map.of("image", inputTensor), java.util.Set.of(), pinned)) {
        float[] values = new float[classes];
        outputTensor.getFloatBuffer().get(values);
        return values[0] >= 0 ? 1 : 0;
      }
    }

    @Override
    public void close() {
      inputTensor.close();
      outputTensor.close();
    }
  }

  /** Pixels in, softmax(logits / T) out: what the SDK computes for a calibrated model. */
  private static final class ProbabilitiesTranslator implements Translator<float[], float[]> {
    private final float temperature;

    ProbabilitiesTranslator(float temperature) {
      this.temperature = temperature;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] pixels) {
      return new NDList(
          ctx.getNDManager().create(pixels, new Shape(pixels.length / 784, 1, 28, 28)));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      return list.singletonOrThrow().div(temperature).softmax(1).toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
      return null;
    }
  }
}
