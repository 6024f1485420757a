package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an fp32 graph (batch norms already folded) into ONNX's QDQ form: every activation that
 * feeds or leaves a quantised op passes through {@code QuantizeLinear → DequantizeLinear} (unsigned
 * 8-bit, per tensor), and the weights of {@code Conv}/{@code Gemm} are stored as signed 8-bit per
 * output channel (symmetric, zero point 0; {@code MatMul} weights per tensor) with int32 biases.
 * ONNX Runtime's CPU provider fuses {@code DQ → Conv → Q} into {@code QLinearConv} and {@code DQ →
 * Gemm} into {@code QGemm}; the graph stays a valid fp32-in/fp32-out model that any runtime can
 * execute by the QDQ definitions.
 *
 * <p>A convolution of the one-channel image stays fp32, with its Relu and the max-pool after it;
 * the quantisation starts after that pool. Its GEMM depth is only the kernel area (9 for 3×3),
 * where ONNX Runtime's int8 kernel is more than twice as slow as its fp32 NCHWc one, and its output
 * is the largest activation of the model (the {@code cnn}: 38% of the all-int8 model's time at
 * batch 256 for 3% of its multiply-adds). The SDK turns off ONNX Runtime's QDQ propagation, which
 * would otherwise move that quantisation above the pool and run the pool on uint8 in NCHW, 3×
 * slower.
 */
public final class QdqGraph {
  private static final Set<String> WEIGHTED = Set.of("Conv", "Gemm", "MatMul");

  /**
   * Ops whose output values are a subset of their input's: their output reuses the input's scale
   * and zero point, so ONNX Runtime drops the DQ/Q pair around them and runs them on uint8.
   */
  private static final Set<String> RANGE_PRESERVING =
      Set.of("MaxPool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze");

  /** Consumers that keep a tensor in fp32: input normalisation and the final outputs. */
  private static final Set<String> FLOAT_CONSUMERS = Set.of("Div", "Identity", "Softmax");

  private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
  private final List<TensorProto> newInitializers = new ArrayList<>();
  private final List<NodeProto> nodes = new ArrayList<>();
  private final Map<String, float[]> ranges;
  private final Map<String, float[]> scales = new HashMap<>();

  /** For each quantised tensor, the tensor whose scale and zero point initializers it uses. */
  private final Map<String, String> parameterOwners = new HashMap<>();

  private QdqGraph(GraphProto graph, Map<String, float[]> ranges) {
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    this.ranges = ranges;
  }

  /**
   * The activation tensors that get a quantise/dequantise pair: every node output that is not a
   * graph output, not consumed only by fp32 steps (normalisation, logits, a convolution of the
   * image), not a Conv/Gemm/Add output consumed only by Relu (ONNX Runtime folds that Relu into the
   * quantised op), and not the fp32 output of an image convolution that only a pool reads (the
   * pool's output is quantised instead).
   */
  public static List<String> activations(ModelProto model) {
    GraphProto graph = model.getGraph();
    Map<String, List<NodeProto>> consumers = consumers(graph);
    Set<String> outputs = new HashSet<>();
    graph.getOutputList().forEach(o -> outputs.add(o.getName()));
    Set<NodeProto> floatConvs = imageConvolutions(graph);
    Set<String> floatTensors = new HashSet<>();
    List<String> activations = new ArrayList<>();
    for (NodeProto node : graph.getNodeList()) {
      boolean floatNode =
          floatConvs.contains(node)
              || (node.getOpType().equals("Relu") && floatTensors.contains(node.getInput(0)));
      for (String output : node.getOutputList()) {
        List<NodeProto> users = consumers.getOrDefault(output, List.of());
        if (floatNode) {
          floatTensors.add(output);
        }
        boolean floatOnly =
            users.stream()
                .allMatch(u -> FLOAT_CONSUMERS.contains(u.getOpType()) || floatConvs.contains(u));
        boolean pooledInFloat =
            floatNode && users.stream().allMatch(u -> RANGE_PRESERVING.contains(u.getOpType()));
        boolean reluFused =
            (WEIGHTED.contains(node.getOpType()) || node.getOpType().equals("Add"))
                && users.stream().allMatch(u -> u.getOpType().equals("Relu"));
        if (!outputs.contains(output)
            && !users.isEmpty()
            && !floatOnly
            && !reluFused
            && !pooledInFloat) {
          activations.add(output);
        }
      }
    }
    return activations;
  }

  /** Convolutions of a one-channel input (the image): they stay fp32 (see the class comment). */
  private static Set<NodeProto> imageConvolutions(GraphProto graph) {
    Map<String, TensorProto> weights = new HashMap<>();
    graph.getInitializerList().forEach(t -> weights.put(t.getName(), t));
    Set<NodeProto> convolutions = new HashSet<>();
    for (NodeProto node : graph.getNodeList()) {
      TensorProto weight =
          node.getOpType().equals("Conv") && node.getInputCount() > 1
              ? weights.get(node.getInput(1))
              : null;
      if (weight != null
          && weight.getDimsCount() == 4
          && weight.getDims(1) == 1
          && !grouped(node)) {
        convolutions.add(node);
      }
    }
    return convolutions;
  }

  private static boolean grouped(NodeProto node) {
    return node.getAttributeList().stream()
        .anyMatch(a -> a.getName().equals("group") && a.getI() > 1);
  }

  /**
   * The QDQ model for {@code folded} with activation ranges {@code ranges} ([low, high] per tensor
   * from {@link #activations}).
   */
  public static ModelProto build(ModelProto folded, Map<String, float[]> ranges) {
    GraphProto graph = folded.getGraph();
    QdqGraph qdq = new QdqGraph(graph, ranges);
    for (NodeProto node : graph.getNodeList()) {
      qdq.rewrite(node);
    }
    Set<String> used = new HashSet<>();
    qdq.nodes.forEach(n -> used.addAll(n.getInputList()));
    GraphProto.Builder out = graph.toBuilder().clearNode().clearInitializer().addAllNode(qdq.nodes);
    qdq.initializers.values().stream()
        .filter(t -> used.contains(t.getName()))
        .forEach(out::addInitializer);
    out.addAllInitializer(qdq.newInitializers);
    return folded.toBuilder().setGraph(out).build();
  }

  private void rewrite(NodeProto node) {
    NodeProto.Builder rewritten = node.toBuilder().clearInput();
    for (int i = 0; i < node.getInputCount(); i++) {
      String input = node.getInput(i);
      rewritten.addInput(scales.containsKey(input) ? dequantized(input) : input);
    }
    if (WEIGHTED.contains(node.getOpType())
        && scales.containsKey(node.getInput(0))
        && initializers.containsKey(node.getInput(1))) {
      quantiseWeights(node, rewritten);
    }
    nodes.add(rewritten.build());
    boolean preserving =
        RANGE_PRESERVING.contains(node.getOpType()) && scales.containsKey(node.getInput(0));
    for (String output : node.getOutputList()) {
      if (ranges.containsKey(output)) {
        quantiseActivation(output, preserving ? node.getInput(0) : output);
      }
    }
  }

  /**
   * Adds Q→DQ after {@code tensor}, with the parameters of {@code paramsOf} (itself or its source).
   */
  private void quantiseActivation(String tensor, String source) {
    String paramsOf = parameterOwners.getOrDefault(source, source);
    String scaleName = paramsOf + "_scale";
    String zeroName = paramsOf + "_zero_point";
    float scale;
    if (paramsOf.equals(tensor)) {
      float[] range = ranges.get(tensor);
      float low = Math.min(range[0], 0f);
      float high = Math.max(range[1], 0f);
      scale = high > low ? (high - low) / 255f : 1f;
      int zeroPoint = (int) Math.max(0, Math.min(255, Math.round(-low / scale)));
      newInitializers.add(OnnxTensors.floatScalar(scaleName, scale));
      newInitializers.add(OnnxTensors.uint8Scalar(zeroName, zeroPoint));
    } else {
      scale = scales.get(paramsOf)[0];
    }
    nodes.add(node("QuantizeLinear", List.of(tensor, scaleName, zeroName), tensor + "_quantized"));
    nodes.add(
        node(
            "DequantizeLinear",
            List.of(tensor + "_quantized", scaleName, zeroName),
            dequantized(tensor)));
    scales.put(tensor, new float[] {scale});
    parameterOwners.put(tensor, paramsOf);
  }

  private void quantiseWeights(NodeProto node, NodeProto.Builder rewritten) {
    TensorProto weightTensor = initializers.get(node.getInput(1));
    long[] dims = OnnxTensors.dims(weightTensor);
    int axis = weightAxis(node, dims);
    float[] weights = OnnxTensors.floats(weightTensor);
    float[] weightScales = new float[axis < 0 ? 1 : (int) dims[axis]];
    byte[] quantised = quantiseSymmetric(weights, dims, axis, weightScales);
    String name = node.getInput(1) + "_int8";
    newInitializers.add(OnnxTensors.int8s(name, quantised, dims));
    newInitializers.add(
        axis < 0
            ? OnnxTensors.floatScalar(name + "_scale", weightScales[0])
            : OnnxTensors.floats(name + "_scale", weightScales, weightScales.length));
    newInitializers.add(
        axis < 0
            ? OnnxTensors.int8s(name + "_zero_point", new byte[1])
            : OnnxTensors.int8s(
                name + "_zero_point", new byte[weightScales.length], weightScales.length));
    nodes.add(dequantize(name, name + "_dequantized", axis));
    rewritten.setInput(1, name + "_dequantized");
    if (node.getInputCount() > 2 && initializers.containsKey(node.getInput(2)) && axis >= 0) {
      quantiseBias(node.getInput(2), scales.get(node.getInput(0))[0], weightScales, rewritten);
    }
  }

  /**
   * Per output channel: axis 0 of a Conv weight or a transposed Gemm B, axis 1 of a plain Gemm B.
   */
  private static int weightAxis(NodeProto node, long[] dims) {
    switch (node.getOpType()) {
      case "Conv":
        return 0;
      case "Gemm":
        return dims.length == 2 ? (transB(node) ? 0 : 1) : -1;
      default:
        return -1;
    }
  }

  private static boolean transB(NodeProto node) {
    return node.getAttributeList().stream()
        .anyMatch(
            a ->
                a.getName().equals("transB")
                    && a.getType() == AttributeProto.AttributeType.INT
                    && a.getI() == 1);
  }

  /** Symmetric int8 in [-127, 127]; {@code scales} receives one scale per slice of {@code axis}. */
  static byte[] quantiseSymmetric(float[] weights, long[] dims, int axis, float[] scales) {
    long inner = 1;
    for (int d = axis + 1; d < dims.length && axis >= 0; d++) {
      inner *= dims[d];
    }
    int channels = scales.length;
    float[] maxAbs = new float[channels];
    for (int i = 0; i < weights.length; i++) {
      int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
      maxAbs[c] = Math.max(maxAbs[c], Math.abs(weights[i]));
    }
    for (int c = 0; c < channels; c++) {
      scales[c] = maxAbs[c] > 0 ? maxAbs[c] / 127f : 1f;
    }
    byte[] quantised = new byte[weights.length];
    for (int i = 0; i < weights.length; i++) {
      int c = axis < 0 ? 0 : (int) ((i / inner) % channels);
      quantised[i] = (byte) Math.max(-127, Math.min(127, Math.rint(weights[i] / scales[c])));
    }
    return quantised;
  }

  private void quantiseBias(
      String biasName, float inputScale, float[] weightScales, NodeProto.Builder rewritten) {
    float[] bias = OnnxTensors.floats(initializers.get(biasName));
    if (bias.length != weightScales.length) {
      return;
    }
    int[] quantised = new int[bias.length];
    float[] biasScales = new float[bias.length];
    for (int c = 0; c < bias.length; c++) {
      biasScales[c] = inputScale * weightScales[c];
      quantised[c] =
          (int)
              Math.max(
                  Integer.MIN_VALUE + 1,
                  Math.min(Integer.MAX_VALUE, Math.rint(bias[c] / biasScales[c])));
    }
    String name = biasName + "_int32";
    newInitializers.add(OnnxTensors.int32s(name, quantised, bias.length));
    newInitializers.add(OnnxTensors.floats(name + "_scale", biasScales, bias.length));
    newInitializers.add(
        OnnxTensors.int32s(name + "_zero_point", new int[bias.length], bias.length));
    nodes.add(dequantize(name, name + "_dequantized", 0));
    rewritten.setInput(2, name + "_dequantized");
  }

  private static NodeProto dequantize(String name, String output, int axis) {
    NodeProto.Builder node =
        node("DequantizeLinear", List.of(name, name + "_scale", name + "_zero_point"), output)
            .toBuilder();
    if (axis >= 0) {
      node.addAttribute(OnnxGraphWriter.integer("axis", axis));
    }
    return node.build();
  }

  private static String dequantized(String tensor) {
    return tensor + "_dequantized";
  }

  private static NodeProto node(String opType, List<String> inputs, String output) {
    return NodeProto.newBuilder()
        .setOpType(opType)
        .setName(output)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static Map<String, List<NodeProto>> consumers(GraphProto graph) {
    Map<String, List<NodeProto>> consumers = new HashMap<>();
    for (NodeProto node : graph.getNodeList()) {
      node.getInputList()
          .forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(node));
    }
    return consumers;
  }
}
