package io.github.mnistkit.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.OnnxSessionOptions;
import io.github.mnistkit.sdk.Precision;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainedModel;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantises a model trained here on the fixture, and checks that a bad quantisation is refused. */
class Int8ExportTest {
  static DigitData data;
  static Path fp32Model;
  static byte[] fp32Bytes;

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void trainAndExport() throws Exception {
    data = Fixture.load();
    TrainingConfig config = TrainingConfig.builder(Architecture.CNN).epochs(4).build();
    try (TrainingResult trained =
        new DigitTrainer(config, TrainingListener.SILENT, null).train(data)) {
      fp32Model = shared.resolve("model.onnx");
      OnnxExporter.export(
          trained.model(), Map.of(ModelMetadata.ARCHITECTURE, "cnn"), fp32Model, data.test());
    }
    fp32Bytes = Files.readAllBytes(fp32Model);
  }

  @AfterAll
  static void release() {
    data = null;
  }

  @Test
  void int8ModelOfAFixtureModelPassesAndIsWrittenBesideIt() throws Exception {
    Path int8 = Int8Exporter.besidePath(fp32Model);
    Int8Check check = Int8Exporter.exportBeside(fp32Model, data);
    System.out.println("cnn int8 export on the fixture: " + check);
    assertTrue(check.passes(), check.toString());
    assertEquals(shared.resolve("model-int8.onnx"), int8);
    assertTrue(Files.exists(int8));
    assertEquals(2000, check.images());
    assertEquals(1000, check.nonDigitImages(), "a refusing model is checked on non-digits too");
    assertTrue(check.nonDigitAgreement() >= Int8Check.MIN_NON_DIGIT_AGREEMENT, check.toString());
    assertTrue(check.calibration().contains("+ 200 generated non-digits"), check.calibration());
    assertTrue(Files.size(int8) < Files.size(fp32Model) / 3, Files.size(int8) + " bytes");
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(int8).build()) {
      assertTrue(recognizer.modelInfo().canRefuse(), "the int8 copy keeps the 11th class");
      assertEquals(Precision.INT8, recognizer.modelInfo().precision());
      assertEquals("cnn", recognizer.modelInfo().architecture());
      assertEquals(check.int8Accuracy(), recognizer.modelInfo().testAccuracy().orElseThrow(), 1e-9);
    }
    ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(int8));
    List<String> ops = onnx.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    assertFalse(ops.contains("BatchNormalization"), ops.toString());
    assertTrue(ops.contains("QuantizeLinear") && ops.contains("DequantizeLinear"), ops.toString());
  }

  @Test
  void onnxRuntimeFusesTheQdqGraphIntoIntegerKernelsAfterTheImageConvolution() throws Exception {
    Path int8 = dir.resolve("fused-int8.onnx");
    Int8Exporter.export(fp32Model, int8, data.train(), data.test(), Int8Exporter.DEFAULT_METHOD);
    Map<String, Long> ops = optimisedOps(Files.readAllBytes(int8));
    System.out.println("ONNX Runtime's optimised int8 graph: " + ops);
    assertEquals(1L, ops.get("Conv"), ops.toString()); // the image's convolution, fp32 NCHWc
    assertEquals(1L, ops.get("MaxPool"), ops.toString()); // its pool, fp32 NCHWc
    assertEquals(1L, ops.get("QuantizeLinear"), ops.toString()); // after that pool only
    assertEquals(2L, ops.get("QLinearConv"), ops.toString());
    assertEquals(2L, ops.get("NhwcMaxPool"), ops.toString());
    assertEquals(2L, ops.get("QGemm"), ops.toString());
    assertFalse(ops.containsKey("Gemm") || ops.containsKey("FusedConv"), ops.toString());
  }

  @Test
  void aResidualDesignBecomesAFullyFusedQdqGraph() throws Exception {
    for (Architecture architecture : List.of(Architecture.RESNET_SMALL)) {
      ModelProto fp32;
      try (TrainedModel model = TrainedModel.untrained(architecture, 7)) {
        fp32 = OnnxExporter.toOnnx(model, Map.of());
      }
      ModelProto folded = BatchNormFolding.fold(fp32);
      Calibration calibration =
          Calibration.measure(
              folded, QdqGraph.activations(folded), Int8Exporter.spread(data.train(), 20));
      byte[] int8 =
          QdqGraph.build(folded, calibration.ranges(Calibration.Method.MIN_MAX)).toByteArray();
      Int8Check check = Int8Exporter.check(fp32.toByteArray(), int8, data.test().head(200), "test");
      System.out.println(
          architecture.id()
              + " untrained, int8 vs fp32: "
              + check
              + "; optimised: "
              + optimisedOps(int8));
      assertTrue(check.meanProbabilityDifference() < 0.05, check.toString());
      Map<String, Long> ops = optimisedOps(int8);
      assertEquals(1L, ops.get("Conv"), ops.toString()); // the 5×5 stem on the image, fp32
      assertEquals(5L, ops.get("QLinearConv"), ops.toString());
      assertEquals(2L, ops.get("QLinearAdd"), ops.toString());
      assertEquals(1L, ops.get("QuantizeLinear"), ops.toString()); // after the stem's pool only
      assertFalse(ops.containsKey("DequantizeLinear"), ops.toString());
    }
  }

  @Test
  void aQuantisationWithWrongScalesIsRefusedAndNothingIsWritten() {
    ModelProto folded = BatchNormFolding.fold(parse(fp32Bytes));
    Calibration calibration =
        Calibration.measure(
            folded, QdqGraph.activations(folded), Int8Exporter.spread(data.train(), 200));
    Map<String, float[]> wrong = new LinkedHashMap<>();
    calibration
        .ranges(Calibration.Method.MIN_MAX)
        .forEach((name, range) -> wrong.put(name, new float[] {range[0] / 20, range[1] / 20}));
    Path target = dir.resolve("model-int8.onnx");
    QuantizationRefusedException e =
        assertThrows(
            QuantizationRefusedException.class,
            () ->
                Int8Exporter.writeIfFaithful(
                    fp32Bytes,
                    QdqGraph.build(folded, wrong),
                    target,
                    data.test(),
                    "scales 20x too small"));
    System.out.println("refused: " + e.getMessage());
    assertFalse(e.check().passes());
    assertTrue(e.getMessage().contains("agreement"), e.getMessage());
    assertFalse(Files.exists(target));
    assertEquals(List.of(), list(dir));
  }

  @Test
  void tooFewCheckImagesAreRefusedAndAStaleInt8FileIsRemoved() throws Exception {
    Path model = Files.copy(fp32Model, dir.resolve("model.onnx"));
    Path stale = Files.writeString(dir.resolve("model-int8.onnx"), "from an older model");
    Int8Check check =
        Int8Exporter.exportBeside(
            model, new DigitData("mnist", data.train(), data.test().head(500)));
    assertFalse(check.passes());
    assertEquals(500, check.images());
    assertFalse(Files.exists(stale));
  }

  @Test
  void foldingBatchNormKeepsTheOutputs() throws Exception {
    ModelProto original = parse(fp32Bytes);
    ModelProto folded = BatchNormFolding.fold(original);
    long batchNorms =
        folded.getGraph().getNodeList().stream()
            .filter(n -> n.getOpType().equals("BatchNormalization"))
            .count();
    assertEquals(0, batchNorms);
    assertEquals(original.getGraph().getNodeCount() - 3, folded.getGraph().getNodeCount());
    float[] before = logits(original.toByteArray(), data.test(), 64);
    float[] after = logits(folded.toByteArray(), data.test(), 64);
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i], after[i], 1e-3 * Math.max(1, Math.abs(before[i])), "logit " + i);
    }
  }

  @Test
  void percentileRangesLieInsideMinMaxRanges() {
    ModelProto folded = BatchNormFolding.fold(parse(fp32Bytes));
    Calibration calibration =
        Calibration.measure(
            folded, QdqGraph.activations(folded), Int8Exporter.spread(data.train(), 100));
    Map<String, float[]> minMax = calibration.ranges(Calibration.Method.MIN_MAX);
    Map<String, float[]> percentile = calibration.ranges(Calibration.Method.PERCENTILE);
    assertEquals(minMax.keySet(), percentile.keySet());
    assertTrue(minMax.size() >= 7, minMax.keySet().toString());
    minMax.forEach(
        (name, range) -> {
          assertTrue(percentile.get(name)[0] >= range[0] - 1e-6, name);
          assertTrue(percentile.get(name)[1] <= range[1] + 1e-6, name);
          assertTrue(range[1] > range[0], name);
        });
  }

  @Test
  void weightsAreQuantisedPerOutputChannel() {
    float[] weights = {1f, -0.25f, 0.005f, 0.02f};
    float[] scales = new float[2];
    byte[] q = QdqGraph.quantiseSymmetric(weights, new long[] {2, 2}, 0, scales);
    assertArrayEquals(new float[] {1f / 127, 0.02f / 127}, scales, 1e-9f);
    assertArrayEquals(new byte[] {127, -32, 32, 127}, q);
  }

  /** The graph ONNX Runtime runs, with the SDK's session options. */
  private static Map<String, Long> optimisedOps(byte[] model) throws Exception {
    Path optimized = Files.createTempFile("optimised", ".onnx");
    try (OrtSession.SessionOptions options = OnnxSessionOptions.create(0)) {
      options.setOptimizedModelFilePath(optimized.toString());
      OrtEnvironment.getEnvironment().createSession(model, options).close();
      return ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList().stream()
          .collect(
              Collectors.groupingBy(
                  NodeProto::getOpType, LinkedHashMap::new, Collectors.counting()));
    } finally {
      Files.deleteIfExists(optimized);
    }
  }

  private static float[] logits(byte[] model, IdxDataset images, int n) throws Exception {
    float[] pixels = new float[n * 784];
    for (int i = 0; i < n; i++) {
      images.copyImage(i, pixels, i * 784);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor input =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 1, 28, 28});
        OrtSession.Result result = session.run(Map.of(ModelMetadata.INPUT_NAME, input))) {
      float[] out = new float[n * 10];
      ((OnnxTensor) result.get(ModelMetadata.LOGITS_OUTPUT).orElseThrow())
          .getFloatBuffer()
          .get(out);
      return out;
    }
  }

  private static ModelProto parse(byte[] bytes) {
    try {
      return ModelProto.parseFrom(bytes);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> list(Path directory) {
    try (var files = Files.list(directory)) {
      return files.toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
