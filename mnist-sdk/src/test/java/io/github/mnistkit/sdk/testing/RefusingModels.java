package io.github.mnistkit.sdk.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.github.mnistkit.sdk.ModelMetadata;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small hand-built ONNX models with the 11th "not a digit" output, for the tests of every module
 * (shipped to them in the SDK's test-jar).
 *
 * <p>Each model is one linear layer over the 28×28 input (Flatten, Gemm, Softmax; IR 8, opset 17)
 * with outputs {@code logits} and {@code probabilities} [N, 11]: the ten digit logits are fixed,
 * and the "not a digit" logit is a weighted sum of ink minus a bias, so that enough ink is refused
 * and less ink gets the digit the fixed logits favour.
 */
public final class RefusingModels {
  /** The digit {@link #byCentreInk} answers for any ink it does not refuse. */
  public static final int CENTRE_INK_DIGIT = 3;

  /**
   * Test images of the committed fixture ({@code test-data/mnist}, test set) that hold a 0: a
   * handwritten 0 has an empty middle, so {@link #byCentreInk} reads it as {@link
   * #CENTRE_INK_DIGIT}.
   */
  public static final int FIXTURE_ZERO = 3;

  /** Another test image of the committed fixture that holds a 0; see {@link #FIXTURE_ZERO}. */
  public static final int ANOTHER_FIXTURE_ZERO = 10;

  private static final int PIXELS = 28 * 28;
  private static final int OUTPUTS = 11;
  private static final int NOT_A_DIGIT = 10;

  private RefusingModels() {}

  /**
   * A model whose digit logits are {@code digitLogits} (ten values) and whose "not a digit" logit
   * is the mean ink of the whole image times {@code inkWeight} minus {@code inkBias}: heavy ink is
   * refused and faint ink gets the digit {@code digitLogits} favours.
   *
   * @param metadata the model's metadata properties, as is (none are added: pass {@link
   *     ModelMetadata#CLASSES} = {@link ModelMetadata#CLASSES_WITH_NOT_A_DIGIT} for a model the SDK
   *     accepts, or leave it out to test the refusal)
   */
  public static byte[] byMeanInk(
      float[] digitLogits, float inkWeight, float inkBias, Map<String, String> metadata) {
    float[] weights = new float[PIXELS * OUTPUTS];
    for (int p = 0; p < PIXELS; p++) {
      weights[p * OUTPUTS + NOT_A_DIGIT] = inkWeight / PIXELS;
    }
    float[] bias = Arrays.copyOf(digitLogits, OUTPUTS);
    bias[NOT_A_DIGIT] = -inkBias;
    return model(weights, bias, metadata);
  }

  /**
   * A model that always answers {@link #CENTRE_INK_DIGIT}, with a confidence of about 0.45, unless
   * the central 4×4 pixels of its 28×28 input hold ink: its "not a digit" logit is 20 × their mean
   * ink − 10, so a solid bar of ink is refused and a handwritten 0 (whose middle is empty, see
   * {@link #FIXTURE_ZERO}) is read as {@link #CENTRE_INK_DIGIT}. It declares the "not a digit"
   * class and {@code confidenceThreshold} as its calibrated confidence threshold.
   */
  public static byte[] byCentreInk(double confidenceThreshold) {
    float inkWeight = 20;
    float inkBias = 10;
    float[] weights = new float[PIXELS * OUTPUTS];
    for (int y = 12; y < 16; y++) {
      for (int x = 12; x < 16; x++) {
        weights[(y * 28 + x) * OUTPUTS + NOT_A_DIGIT] = inkWeight / 16;
      }
    }
    float[] bias = new float[OUTPUTS];
    bias[CENTRE_INK_DIGIT] = 2;
    bias[NOT_A_DIGIT] = -inkBias;
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ModelMetadata.CLASSES, ModelMetadata.CLASSES_WITH_NOT_A_DIGIT);
    metadata.put(ModelMetadata.CONFIDENCE_THRESHOLD, Double.toString(confidenceThreshold));
    return model(weights, bias, metadata);
  }

  /** Softmax(Gemm(Flatten(image), W, B)) with metadata, as an IR 8 / opset 17 model. */
  private static byte[] model(float[] weights, float[] bias, Map<String, String> metadata) {
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("refusing")
            .addInput(tensor("image", 1, 28, 28))
            .addOutput(tensor("logits", OUTPUTS))
            .addOutput(tensor("probabilities", OUTPUTS))
            .addInitializer(floats("W", weights, PIXELS, OUTPUTS))
            .addInitializer(floats("B", bias, OUTPUTS))
            .addNode(
                NodeProto.newBuilder().setOpType("Flatten").addInput("image").addOutput("flat"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Gemm")
                    .addInput("flat")
                    .addInput("W")
                    .addInput("B")
                    .addOutput("logits"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Softmax")
                    .addInput("logits")
                    .addOutput("probabilities")
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("axis")
                            .setType(AttributeProto.AttributeType.INT)
                            .setI(1)));
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
            .setGraph(graph);
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build().toByteArray();
  }

  /** A float tensor [N, dims…]; also used by the SDK's other test model writers. */
  public static ValueInfoProto tensor(String name, long... dims) {
    TensorShapeProto.Builder shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
    for (long dim : dims) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }

  private static TensorProto floats(String name, float[] values, long... dims) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      tensor.addDims(d);
    }
    for (float v : values) {
      tensor.addFloatData(v);
    }
    return tensor.build();
  }
}
