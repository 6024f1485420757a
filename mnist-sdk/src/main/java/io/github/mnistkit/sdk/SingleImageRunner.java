package io.github.mnistkit.sdk;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Runs one image at a time through a session with pre-allocated tensors: a direct input buffer
 * refilled per call and a pinned output (ONNX Runtime's {@code run(inputs, requested, pinned)}),
 * which saves creating and freeing two native tensors per call. Thread-safe: each call borrows a
 * set of buffers from a small pool (a new set when all are in use) and gives it back; sets beyond
 * the pool's capacity are freed, so memory stays bounded however many threads call.
 *
 * <p>The caller must not call {@link #run} after {@link #close()} (the model's lock ensures it).
 */
final class SingleImageRunner implements AutoCloseable {
  private final OrtSession session;
  private final String inputName;
  private final String outputName;
  private final int inputSize;
  private final long[] inputShape;
  private final int outputWidth;
  private final ArrayBlockingQueue<Buffers> idle;

  private SingleImageRunner(
      OrtSession session, String inputName, long[] inputShape, String outputName, int width) {
    this.session = session;
    this.inputName = inputName;
    this.inputShape = inputShape;
    this.inputSize = Math.toIntExact(inputShape[1] * inputShape[2] * inputShape[3]);
    this.outputName = outputName;
    this.outputWidth = width;
    this.idle = new ArrayBlockingQueue<>(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A runner for a session whose input is [N, c, h, w] and whose output is [N, width] floats, both
   * with fixed sizes after N; null when the output width is not fixed (the caller then creates
   * tensors per call).
   */
  static SingleImageRunner forOutput(
      OrtSession session, String inputName, long[] inputShape, String outputName, NodeInfo output) {
    if (!(output.getInfo() instanceof TensorInfo tensor)) {
      return null;
    }
    long[] shape = tensor.getShape();
    if (shape.length != 2 || shape[1] <= 0 || shape[1] > 1 << 16) {
      return null;
    }
    for (int i = 1; i < inputShape.length; i++) {
      if (inputShape[i] <= 0) {
        return null;
      }
    }
    long[] single = inputShape.clone();
    single[0] = 1;
    return new SingleImageRunner(session, inputName, single, outputName, (int) shape[1]);
  }

  /** The output row for the first {@code inputSize} values of {@code pixels}. */
  float[] run(float[] pixels) throws OrtException {
    Buffers buffers = idle.poll();
    if (buffers == null) {
      buffers = new Buffers();
    }
    boolean reusable = false;
    try {
      float[] row = buffers.run(pixels);
      reusable = true;
      return row;
    } finally {
      if (!reusable || !idle.offer(buffers)) {
        buffers.close();
      }
    }
  }

  /** Frees the pooled buffers; none may be in use. */
  @Override
  public void close() {
    for (Buffers buffers = idle.poll(); buffers != null; buffers = idle.poll()) {
      buffers.close();
    }
  }

  /** One input tensor and one output tensor over direct buffers. */
  private final class Buffers implements AutoCloseable {
    private final FloatBuffer input;
    private final FloatBuffer output;
    private final OnnxTensor inputTensor;
    private final OnnxTensor outputTensor;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> pinned;

    Buffers() throws OrtException {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      input = direct(inputSize);
      output = direct(outputWidth);
      inputTensor = OnnxTensor.createTensor(env, input, inputShape);
      try {
        outputTensor = OnnxTensor.createTensor(env, output, new long[] {1, outputWidth});
      } catch (OrtException | RuntimeException e) {
        inputTensor.close();
        throw e;
      }
      inputs = Map.of(inputName, inputTensor);
      pinned = Map.of(outputName, outputTensor);
    }

    float[] run(float[] pixels) throws OrtException {
      input.clear();
      input.put(pixels, 0, inputSize);
      try (OrtSession.Result ignored = session.run(inputs, Set.of(), pinned)) {
        float[] row = new float[outputWidth];
        output.clear();
        output.get(row);
        return row;
      }
    }

    @Override
    public void close() {
      inputTensor.close();
      outputTensor.close();
    }
  }

  private static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }
}
