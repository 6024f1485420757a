package io.github.mnistkit.sdk;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * Digit models (image [N,1,28,28] → probabilities [N,10]) whose weights W [784,10] live in an
 * external file: ONNX Runtime would read {@code location} relative to the working directory.
 */
final class ExternalDataModel {
  static final int WEIGHT_BYTES = 784 * 10 * 4;

  private ExternalDataModel() {}

  /** W is an initializer with external data. */
  static byte[] externalInitializer(String location) {
    GraphProto.Builder graph = graph().addInitializer(weights(location));
    return WrongShapeModel.model(graph);
  }

  /** W comes from a Constant node whose value tensor has external data. */
  static byte[] externalConstant(String location) {
    NodeProto constant =
        NodeProto.newBuilder()
            .setOpType("Constant")
            .addOutput("W")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("value")
                    .setType(AttributeProto.AttributeType.TENSOR)
                    .setT(weights(location)))
            .build();
    return WrongShapeModel.model(graph().addNode(0, constant));
  }

  /** The same model with W inside the file: a valid digit model that ONNX Runtime accepts. */
  static byte[] embedded() {
    TensorProto.Builder w =
        TensorProto.newBuilder()
            .setName("W")
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .addDims(784)
            .addDims(10);
    for (int i = 0; i < 7840; i++) {
      w.addFloatData(i % 10 == 3 ? 1f : 0f);
    }
    return WrongShapeModel.model(graph().addInitializer(w));
  }

  private static TensorProto weights(String location) {
    return TensorProto.newBuilder()
        .setName("W")
        .setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addDims(784)
        .addDims(10)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
        .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("0"))
        .addExternalData(
            StringStringEntryProto.newBuilder()
                .setKey("length")
                .setValue(Integer.toString(WEIGHT_BYTES)))
        .build();
  }

  private static GraphProto.Builder graph() {
    return GraphProto.newBuilder()
        .setName("external")
        .addInput(WrongShapeModel.tensor("image", 1, 28, 28))
        .addOutput(WrongShapeModel.tensor("probabilities", 10))
        .addNode(
            NodeProto.newBuilder()
                .setOpType("Flatten")
                .addInput("image")
                .addOutput("flat")
                .addAttribute(
                    AttributeProto.newBuilder()
                        .setName("axis")
                        .setI(1)
                        .setType(AttributeProto.AttributeType.INT)))
        .addNode(
            NodeProto.newBuilder()
                .setOpType("MatMul")
                .addInput("flat")
                .addInput("W")
                .addOutput("probabilities"));
  }
}
