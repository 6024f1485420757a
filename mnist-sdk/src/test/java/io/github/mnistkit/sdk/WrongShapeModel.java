package io.github.mnistkit.sdk;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.github.mnistkit.sdk.testing.RefusingModels;

/** A valid ONNX model that is not a digit model: an identity over [N, c, h, w] images. */
final class WrongShapeModel {
  private WrongShapeModel() {}

  static byte[] identity(long channels, long height, long width) {
    return model(
        GraphProto.newBuilder()
            .setName("identity")
            .addInput(tensor("pixels", channels, height, width))
            .addOutput(tensor("same", channels, height, width))
            .addNode(
                NodeProto.newBuilder().setOpType("Identity").addInput("pixels").addOutput("same")));
  }

  /** An IR 8 / opset 17 model around {@code graph}; shared with the other test model writers. */
  static byte[] model(GraphProto.Builder graph) {
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  /** A float tensor [N, dims…]. */
  static ValueInfoProto tensor(String name, long... dims) {
    return RefusingModels.tensor(name, dims);
  }
}
