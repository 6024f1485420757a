package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds every inference-mode {@code BatchNormalization} that directly follows a {@code Conv} into
 * that convolution's weights and bias: {@code W' = W·γ/√(σ²+ε)}, {@code b' = (b−μ)·γ/√(σ²+ε) + β}.
 * The result computes the same function with one node fewer per block, and leaves one weight tensor
 * per convolution to quantise. Batch norms that do not follow a convolution are left as they are.
 */
public final class BatchNormFolding {
  private static final float DEFAULT_EPSILON = 1e-5f;

  private BatchNormFolding() {}

  public static ModelProto fold(ModelProto model) {
    GraphProto graph = model.getGraph();
    Map<String, TensorProto> initializers = new LinkedHashMap<>();
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    Map<String, NodeProto> producers = new HashMap<>();
    Map<String, Integer> consumers = new HashMap<>();
    for (NodeProto node : graph.getNodeList()) {
      node.getOutputList().forEach(output -> producers.put(output, node));
      node.getInputList().forEach(input -> consumers.merge(input, 1, Integer::sum));
    }
    Map<NodeProto, NodeProto> foldedConvs = new HashMap<>();
    List<NodeProto> removed = new ArrayList<>();
    for (NodeProto bn : graph.getNodeList()) {
      if (!bn.getOpType().equals("BatchNormalization") || bn.getOutputCount() != 1) {
        continue;
      }
      NodeProto conv = producers.get(bn.getInput(0));
      if (conv == null
          || !conv.getOpType().equals("Conv")
          || consumers.get(bn.getInput(0)) != 1
          || !initializers.containsKey(conv.getInput(1))
          || !allInitializers(bn, initializers)) {
        continue;
      }
      foldedConvs.put(conv, foldInto(conv, bn, initializers));
      removed.add(bn);
    }
    GraphProto.Builder folded = graph.toBuilder().clearNode().clearInitializer();
    for (NodeProto node : graph.getNodeList()) {
      if (!removed.contains(node)) {
        folded.addNode(foldedConvs.getOrDefault(node, node));
      }
    }
    Map<String, Integer> stillUsed = new HashMap<>();
    folded
        .getNodeList()
        .forEach(n -> n.getInputList().forEach(i -> stillUsed.merge(i, 1, Integer::sum)));
    initializers.values().stream()
        .filter(t -> stillUsed.containsKey(t.getName()))
        .forEach(folded::addInitializer);
    return model.toBuilder().setGraph(folded).build();
  }

  private static boolean allInitializers(NodeProto bn, Map<String, TensorProto> initializers) {
    return bn.getInputCount() == 5
        && bn.getInputList().subList(1, 5).stream().allMatch(initializers::containsKey);
  }

  /**
   * Replaces the conv's weight and bias in {@code initializers}; returns the conv writing the BN's
   * output.
   */
  private static NodeProto foldInto(
      NodeProto conv, NodeProto bn, Map<String, TensorProto> initializers) {
    TensorProto weightTensor = initializers.get(conv.getInput(1));
    float[] weight = OnnxTensors.floats(weightTensor);
    float[] gamma = OnnxTensors.floats(initializers.get(bn.getInput(1)));
    float[] beta = OnnxTensors.floats(initializers.get(bn.getInput(2)));
    float[] mean = OnnxTensors.floats(initializers.get(bn.getInput(3)));
    float[] variance = OnnxTensors.floats(initializers.get(bn.getInput(4)));
    float epsilon = epsilon(bn);
    int channels = gamma.length;
    int perChannel = weight.length / channels;
    float[] bias =
        conv.getInputCount() > 2 && !conv.getInput(2).isEmpty()
            ? OnnxTensors.floats(initializers.get(conv.getInput(2)))
            : new float[channels];
    float[] newWeight = new float[weight.length];
    float[] newBias = new float[channels];
    for (int c = 0; c < channels; c++) {
      double factor = gamma[c] / Math.sqrt((double) variance[c] + epsilon);
      for (int k = 0; k < perChannel; k++) {
        newWeight[c * perChannel + k] = (float) (weight[c * perChannel + k] * factor);
      }
      newBias[c] = (float) ((bias[c] - mean[c]) * factor + beta[c]);
    }
    String weightName = conv.getInput(1) + "_bnfolded";
    String biasName = conv.getInput(1) + "_bnfolded_bias";
    initializers.put(
        weightName, OnnxTensors.floats(weightName, newWeight, OnnxTensors.dims(weightTensor)));
    initializers.put(biasName, OnnxTensors.floats(biasName, newBias, channels));
    return conv.toBuilder()
        .clearInput()
        .addInput(conv.getInput(0))
        .addInput(weightName)
        .addInput(biasName)
        .clearOutput()
        .addOutput(bn.getOutput(0))
        .build();
  }

  private static float epsilon(NodeProto bn) {
    return bn.getAttributeList().stream()
        .filter(
            a -> a.getName().equals("epsilon") && a.getType() == AttributeProto.AttributeType.FLOAT)
        .map(AttributeProto::getF)
        .findFirst()
        .orElse(DEFAULT_EPSILON);
  }
}
