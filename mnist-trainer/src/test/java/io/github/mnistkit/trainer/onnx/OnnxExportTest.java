package io.github.mnistkit.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.DigitTrainer;
import io.github.mnistkit.trainer.train.TrainedModel;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import io.github.mnistkit.trainer.train.TrainingResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Trains a real model on the fixture, exports it, and checks that the parity proof can fail. */
class OnnxExportTest {
  static DigitData data;
  static TrainingResult trained;

  @TempDir Path dir;

  @BeforeAll
  static void train() {
    data = Fixture.load();
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(1).maxTrainImages(1000).build();
    trained = new DigitTrainer(config, TrainingListener.SILENT, null).train(data);
  }

  @AfterAll
  static void close() {
    trained.close();
  }

  @Test
  void exportedModelMatchesDjlAndCarriesMetadata() throws Exception {
    Path model = dir.resolve("model.onnx");
    Parity parity =
        OnnxExporter.export(
            trained.model(), Map.of(ModelMetadata.ARCHITECTURE, "cnn"), model, data.test());
    System.out.println("cnn export on the fixture: " + parity);
    assertTrue(parity.holds(), parity.toString());
    assertTrue(parity.images() >= 256);
    assertEquals(0, parity.argmaxMismatches());

    ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(model));
    assertTrue(onnx.getOpsetImport(0).getVersion() >= 13);
    assertTrue(
        onnx.getGraph().getNodeList().stream()
            .map(NodeProto::getOpType)
            .noneMatch("Dropout"::equals));
    assertTrue(
        onnx.getGraph().getNodeList().stream()
            .map(NodeProto::getOpType)
            .anyMatch("BatchNormalization"::equals));
    assertEquals(
        "N",
        onnx.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString())) {
      assertEquals(
          "cnn", session.getMetadata().getCustomMetadata().get(ModelMetadata.ARCHITECTURE));
      assertTrue(session.getOutputNames().contains("probabilities"));
      assertTrue(session.getOutputNames().contains("logits"));
    }
  }

  @Test
  void parityCheckFailsWhenOneWeightIsPerturbed() throws Exception {
    ModelProto onnx = OnnxExporter.toOnnx(trained.model(), Map.of());
    ModelProto.Builder broken = onnx.toBuilder();
    int index = indexOfFirstConvWeight(onnx);
    TensorProto weights = onnx.getGraph().getInitializer(index);
    ByteBuffer raw =
        ByteBuffer.wrap(weights.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    raw.putFloat(0, raw.getFloat(0) + 5f); // one weight of the first conv layer
    broken
        .getGraphBuilder()
        .setInitializer(index, weights.toBuilder().setRawData(ByteString.copyFrom(raw.array())));
    Path file = dir.resolve("broken.onnx");
    Files.write(file, broken.build().toByteArray());

    Parity parity = ExportVerifier.measure(file, trained.model(), data.test());
    System.out.println("perturbed weight: " + parity);
    assertFalse(parity.holds(), parity.toString());
    assertTrue(parity.maxProbabilityDifference() > Parity.TOLERANCE);
  }

  /** The check opens the file through the SDK, as users do: a file the SDK cannot use fails it. */
  @Test
  void theCheckRunsTheFileThroughTheSdk() throws Exception {
    ModelProto onnx = OnnxExporter.toOnnx(trained.model(), Map.of());
    ModelProto.Builder renamed = onnx.toBuilder();
    var graph = renamed.getGraphBuilder();
    for (int i = 0; i < graph.getOutputCount(); i++) {
      if (graph.getOutput(i).getName().equals(ModelMetadata.PROBABILITIES_OUTPUT)) {
        graph.setOutput(i, graph.getOutput(i).toBuilder().setName("scores"));
      }
    }
    graph.getNodeBuilderList().stream()
        .filter(node -> node.getOutput(0).equals(ModelMetadata.PROBABILITIES_OUTPUT))
        .forEach(node -> node.setOutput(0, "scores"));
    Path file = dir.resolve("renamed-output.onnx");
    Files.write(file, renamed.build().toByteArray());
    ExportVerificationException e =
        assertThrows(
            ExportVerificationException.class,
            () -> ExportVerifier.measure(file, trained.model(), data.test()));
    assertTrue(e.getMessage().startsWith("The SDK could not run " + file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("is not a digit model"), e.getMessage());
  }

  @Test
  void failedProofLeavesTheExistingModelUntouched() throws Exception {
    Path model = dir.resolve("model.onnx");
    byte[] good = "previous good model".getBytes();
    Files.write(model, good);
    // a diverged run: one weight is NaN, so every output is NaN in DJL and in ONNX Runtime alike
    try (TrainedModel diverged = TrainedModel.untrained(Architecture.CNN, 7)) {
      diverged.block().getParameters().get(1).getValue().getArray().muli(Float.NaN);
      ExportVerificationException e =
          assertThrows(
              ExportVerificationException.class,
              () -> OnnxExporter.export(diverged, Map.of(), model, data.test()));
      assertTrue(e.getMessage().contains("was not written"), e.getMessage());
      assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    }
    assertArrayEquals(good, Files.readAllBytes(model));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }

  /**
   * Untrained networks give near-uniform probabilities, which would hide export mistakes; so the
   * batch-norm statistics are given non-trivial values and the raw logits are compared too.
   */
  @ParameterizedTest
  @EnumSource(Architecture.class)
  void everyArchitectureExportsFaithfully(Architecture architecture) throws Exception {
    try (TrainedModel model = TrainedModel.untrained(architecture, 1)) {
      for (var parameter : model.block().getParameters().values()) {
        String name = parameter.getName();
        var array = parameter.getArray();
        if (name.equals("runningMean") || name.equals("beta")) {
          array.addi(model.manager().randomUniform(-0.2f, 0.2f, array.getShape()));
        } else if (name.equals("runningVar") || name.equals("gamma")) {
          array.muli(model.manager().randomUniform(0.5f, 1.5f, array.getShape()));
        }
      }
      Path file = dir.resolve(architecture.id() + ".onnx");
      Parity parity = OnnxExporter.export(model, Map.of(), file, data.test());
      System.out.println(architecture + ": " + parity);
      assertTrue(parity.holds(), parity.toString());

      float[] images = new float[32 * 784];
      for (int i = 0; i < 32; i++) {
        data.test().copyImage(i, images, i * 784);
      }
      float[] expected = model.logits(images, 32);
      float[] actual = onnxLogits(file, images, 32);
      double spread = 0;
      for (int i = 0; i < expected.length; i++) {
        spread = Math.max(spread, Math.abs(expected[i]));
        assertEquals(
            expected[i],
            actual[i],
            1e-4 * Math.max(1, Math.abs(expected[i])),
            architecture + " logit " + i);
      }
      assertTrue(
          spread > 0.05, architecture + " logits too close to zero to prove anything: " + spread);
    }
  }

  private static float[] onnxLogits(Path file, float[] images, int n) throws Exception {
    var env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(file.toString());
        var input =
            ai.onnxruntime.OnnxTensor.createTensor(
                env, java.nio.FloatBuffer.wrap(images), new long[] {n, 1, 28, 28});
        var result = session.run(Map.of("image", input))) {
      float[] out = new float[n * 10];
      ((ai.onnxruntime.OnnxTensor) result.get("logits").orElseThrow()).getFloatBuffer().get(out);
      return out;
    }
  }

  private static int indexOfFirstConvWeight(ModelProto onnx) {
    String name =
        onnx.getGraph().getNodeList().stream()
            .filter(n -> n.getOpType().equals("Conv"))
            .findFirst()
            .orElseThrow()
            .getInput(1);
    for (int i = 0; i < onnx.getGraph().getInitializerCount(); i++) {
      if (onnx.getGraph().getInitializer(i).getName().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no initializer " + name);
  }
}
