package io.github.mnistkit.spark;

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
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A small hand-built ONNX model with the "not a digit" output (the SDK tests' RefusingModel): its
 * digit logits are fixed (it always answers 3) and its "not a digit" logit grows with the ink in
 * the central 4×4 pixels of the 28×28 input, so a solid bar of ink is refused and a handwritten 0
 * (whose middle is empty) is read as 3.
 */
public final class RefusingModel {
  /** The digit this model answers for any ink it does not refuse. */
  public static final int DIGIT = 3;

  /** Fixture test images that hold a 0, which this model reads as {@link #DIGIT}. */
  public static final int ZERO = 3;

  public static final int ANOTHER_ZERO = 10;

  private static final float INK_WEIGHT = 20;
  private static final float INK_BIAS = 10;

  private RefusingModel() {}

  /**
   * The model, declaring the "not a digit" class and {@code threshold} as its calibrated confidence
   * threshold. It answers {@link #DIGIT} with a confidence of about 0.45.
   */
  public static byte[] bytes(double threshold) {
    float[] weights = new float[784 * 11];
    for (int y = 12; y < 16; y++) {
      for (int x = 12; x < 16; x++) {
        weights[(y * 28 + x) * 11 + 10] = INK_WEIGHT / 16;
      }
    }
    float[] bias = new float[11];
    bias[DIGIT] = 2;
    bias[10] = -INK_BIAS;
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("refusing")
            .addInput(tensor("image", 1, 28, 28))
            .addOutput(tensor("logits", 11))
            .addOutput(tensor("probabilities", 11))
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
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
        .setGraph(graph)
        .addMetadataProps(entry(ModelMetadata.CLASSES, ModelMetadata.CLASSES_WITH_NOT_A_DIGIT))
        .addMetadataProps(entry(ModelMetadata.CONFIDENCE_THRESHOLD, Double.toString(threshold)))
        .build()
        .toByteArray();
  }

  /**
   * Dark marks on white paper as a PNG, left to right: a fixture digit for each index ≥ 0 (use 0s,
   * see the class comment), and for each negative one a solid bar of ink (which this model
   * refuses), too narrow for the segmenter to cut; each in a 56 px cell, 28 px apart.
   */
  public static byte[] rowPng(int... indices) {
    int size = 56;
    int gap = size / 2;
    int margin = size / 4;
    BufferedImage page =
        new BufferedImage(
            2 * margin + indices.length * size + (indices.length - 1) * gap,
            2 * margin + size,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, page.getWidth(), page.getHeight());
    for (int d = 0; d < indices.length; d++) {
      int left = margin + d * (size + gap);
      if (indices[d] < 0) {
        g.setColor(Color.BLACK);
        g.fillRect(left + 18, margin + 8, 20, size - 16);
        continue;
      }
      byte[] pixels = FixtureDigits.test().imageBytes(indices[d]);
      for (int i = 0; i < pixels.length; i++) {
        int v = 255 - (pixels[i] & 0xFF);
        g.setColor(new Color(v, v, v));
        g.fillRect(left + 2 * (i % 28), margin + 2 * (i / 28), 2, 2);
      }
    }
    g.dispose();
    return FixtureDigits.encode(page);
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static ValueInfoProto tensor(String name, long... dims) {
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
