package io.github.mnistkit.sdk;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Map;

/**
 * A small hand-built model with the "not a digit" output: its digit logits are fixed ({@code
 * digitLogits}) and its "not a digit" logit is the mean ink of the image times {@code inkWeight}
 * minus {@code inkBias}, so heavy ink is refused and faint ink gets the digit the logits favour.
 */
final class RefusingModel {
  private RefusingModel() {}

  static byte[] of(
      float[] digitLogits, float inkWeight, float inkBias, Map<String, String> metadata)
      throws java.io.IOException {
    float[] weights = new float[784 * 11];
    for (int p = 0; p < 784; p++) {
      weights[p * 11 + 10] = inkWeight / 784;
    }
    float[] bias = java.util.Arrays.copyOf(digitLogits, 11);
    bias[10] = -inkBias;
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("refusing")
            .addInput(WrongShapeModel.tensor("image", 1, 28, 28))
            .addOutput(WrongShapeModel.tensor("logits", 11))
            .addOutput(WrongShapeModel.tensor("probabilities", 11))
            .addInitializer(floats("W", weights, 784, 11))
            .addInitializer(floats("B", bias, 11))
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
    ModelProto.Builder model = ModelProto.parseFrom(WrongShapeModel.model(graph)).toBuilder();
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
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
