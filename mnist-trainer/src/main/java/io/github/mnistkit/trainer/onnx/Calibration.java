package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.data.IdxDataset;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value ranges of a model's activations, measured by running the fp32 model on calibration
 * images (training images only: calibrating on test digits would leak them into the check). Two
 * passes: the first finds each tensor's minimum and maximum, the second fills a histogram between
 * them, from which the {@link Method#PERCENTILE} ranges clip the rarest outliers.
 */
public final class Calibration {
  /** How an activation's quantisation range is chosen. */
  public enum Method {
    /** The smallest and largest value seen: nothing is clipped, resolution is spent on outliers. */
    MIN_MAX,
    /**
     * The 0.01st and 99.99th percentile: the rarest outliers saturate, everything else is finer.
     */
    PERCENTILE
  }

  static final double PERCENTILE_TAIL = 1e-4;
  private static final int BINS = 4096;
  private static final int BATCH = 100;

  private final Map<String, float[]> minMax;
  private final Map<String, long[]> histograms;
  private final int images;

  private Calibration(Map<String, float[]> minMax, Map<String, long[]> histograms, int images) {
    this.minMax = minMax;
    this.histograms = histograms;
    this.images = images;
  }

  /** Runs {@code model} on {@code images} and records the ranges of {@code tensors}. */
  public static Calibration measure(ModelProto model, List<String> tensors, IdxDataset images) {
    if (images.size() == 0) {
      throw new ExportVerificationException(
          "No calibration images: int8 quantisation needs training"
              + " images to measure activation ranges.");
    }
    byte[] probe = withOutputs(model, tensors).toByteArray();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try (OrtSession session = env.createSession(probe, options)) {
        Map<String, float[]> minMax = new LinkedHashMap<>();
        tensors.forEach(
            t -> minMax.put(t, new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}));
        forEachBatch(
            env,
            session,
            tensors,
            images,
            (name, values) -> {
              float[] range = minMax.get(name);
              for (float v : values) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
              }
            });
        Map<String, long[]> histograms = new LinkedHashMap<>();
        tensors.forEach(t -> histograms.put(t, new long[BINS]));
        forEachBatch(
            env,
            session,
            tensors,
            images,
            (name, values) -> {
              float[] range = minMax.get(name);
              long[] histogram = histograms.get(name);
              double width = Math.max(range[1] - range[0], Float.MIN_NORMAL);
              for (float v : values) {
                histogram[(int) Math.min(BINS - 1, (v - range[0]) / width * BINS)]++;
              }
            });
        return new Calibration(minMax, histograms, images.size());
      }
    } catch (OrtException e) {
      throw new ExportVerificationException(
          "ONNX Runtime could not run the model for calibration: " + e.getMessage(), e);
    }
  }

  /** The number of images the ranges were measured on. */
  public int images() {
    return images;
  }

  /** Each tensor's range by {@code method}: [low, high], always containing 0. */
  public Map<String, float[]> ranges(Method method) {
    Map<String, float[]> ranges = new LinkedHashMap<>();
    minMax.forEach(
        (name, range) -> {
          float[] chosen =
              method == Method.MIN_MAX ? range.clone() : percentile(range, histograms.get(name));
          chosen[0] = Math.min(chosen[0], 0f);
          chosen[1] = Math.max(chosen[1], 0f);
          ranges.put(name, chosen);
        });
    return ranges;
  }

  private static float[] percentile(float[] range, long[] histogram) {
    long total = 0;
    for (long count : histogram) {
      total += count;
    }
    long tail = (long) Math.floor(total * PERCENTILE_TAIL);
    int low = 0;
    for (long seen = histogram[0]; seen <= tail && low < BINS - 1; seen += histogram[++low]) {
      // advance until more than `tail` values lie at or below bin `low`
    }
    int high = BINS - 1;
    for (long seen = histogram[high]; seen <= tail && high > 0; seen += histogram[--high]) {
      // advance until more than `tail` values lie at or above bin `high`
    }
    float width = (range[1] - range[0]) / BINS;
    // a bin's outer edge, so a range whose tails are empty stays the exact min/max
    return new float[] {range[0] + low * width, range[0] + (high + 1) * width};
  }

  private interface TensorVisitor {
    void accept(String tensor, float[] values);
  }

  private static void forEachBatch(
      OrtEnvironment env,
      OrtSession session,
      List<String> tensors,
      IdxDataset images,
      TensorVisitor visitor)
      throws OrtException {
    float[] pixels = new float[BATCH * IdxDataset.PIXELS];
    for (int start = 0; start < images.size(); start += BATCH) {
      int n = Math.min(BATCH, images.size() - start);
      for (int i = 0; i < n; i++) {
        images.copyImage(start + i, pixels, i * IdxDataset.PIXELS);
      }
      try (OnnxTensor input =
              OnnxTensor.createTensor(
                  env,
                  FloatBuffer.wrap(pixels, 0, n * IdxDataset.PIXELS),
                  new long[] {n, 1, 28, 28});
          OrtSession.Result result =
              session.run(
                  Map.of(ModelMetadata.INPUT_NAME, input),
                  new java.util.LinkedHashSet<>(tensors))) {
        for (String name : tensors) {
          FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
          float[] values = new float[buffer.remaining()];
          buffer.get(values);
          visitor.accept(name, values);
        }
      }
    }
  }

  /** {@code model} with each of {@code tensors} also exposed as a graph output. */
  private static ModelProto withOutputs(ModelProto model, List<String> tensors) {
    GraphProto.Builder graph = model.getGraph().toBuilder();
    java.util.Set<String> existing = new java.util.HashSet<>();
    graph.getOutputList().forEach(o -> existing.add(o.getName()));
    for (String tensor : tensors) {
      if (existing.add(tensor)) {
        graph.addOutput(
            ValueInfoProto.newBuilder()
                .setName(tensor)
                .setType(
                    TypeProto.newBuilder()
                        .setTensorType(
                            TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT.getNumber()))));
      }
    }
    return model.toBuilder().setGraph(graph).build();
  }
}
