package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Appends nodes and float initializers to an ONNX graph under unique names. {@link LayerWriter}
 * uses it to write the layers; it knows nothing about digits or DJL.
 */
public final class OnnxGraphWriter {
  private final GraphProto.Builder graph;
  private int counter;

  public OnnxGraphWriter(GraphProto.Builder graph) {
    this.graph = graph;
  }

  /** Adds a node with one output and returns the output's name. */
  public String node(String opType, List<String> inputs, AttributeProto... attributes) {
    String output = opType.toLowerCase() + "_" + (++counter);
    namedNode(opType, inputs, output, attributes);
    return output;
  }

  /** Adds a node that writes to the given output name (for the graph's named outputs). */
  public void namedNode(
      String opType, List<String> inputs, String output, AttributeProto... attributes) {
    graph.addNode(
        NodeProto.newBuilder()
            .setOpType(opType)
            .setName(output)
            .addAllInput(inputs)
            .addOutput(output)
            .addAllAttribute(List.of(attributes)));
  }

  /** Adds a float tensor initializer and returns its name. */
  public String initializer(String hint, float[] values, long... dims) {
    String name = hint + "_" + (++counter);
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    graph.addInitializer(
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .addAllDims(java.util.Arrays.stream(dims).boxed().toList())
            .setRawData(ByteString.copyFrom(bytes.array())));
    return name;
  }

  public static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder attribute =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long value : values) {
      attribute.addInts(value);
    }
    return attribute.build();
  }

  public static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  public static AttributeProto real(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOAT)
        .setF(value)
        .build();
  }
}
