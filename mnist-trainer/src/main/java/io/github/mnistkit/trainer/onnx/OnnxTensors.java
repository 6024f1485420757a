package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Reads float initializers and writes the float/int8/uint8/int32 tensors a QDQ graph needs. */
final class OnnxTensors {
  private OnnxTensors() {}

  /** The values of a float initializer, whether stored as raw bytes or as float_data. */
  static float[] floats(TensorProto tensor) {
    if (tensor.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
      throw new ExportVerificationException(
          "Initializer '"
              + tensor.getName()
              + "' is not a float"
              + " tensor (data type "
              + tensor.getDataType()
              + "); only fp32 models can be quantised.");
    }
    if (!tensor.getRawData().isEmpty()) {
      ByteBuffer bytes = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      float[] values = new float[bytes.remaining() / Float.BYTES];
      bytes.asFloatBuffer().get(values);
      return values;
    }
    float[] values = new float[tensor.getFloatDataCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = tensor.getFloatData(i);
    }
    return values;
  }

  static long[] dims(TensorProto tensor) {
    return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
  }

  static TensorProto floats(String name, float[] values, long... dims) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return tensor(name, TensorProto.DataType.FLOAT, bytes.array(), dims);
  }

  static TensorProto int8s(String name, byte[] values, long... dims) {
    return tensor(name, TensorProto.DataType.INT8, values, dims);
  }

  static TensorProto uint8Scalar(String name, int value) {
    return tensor(name, TensorProto.DataType.UINT8, new byte[] {(byte) value});
  }

  static TensorProto floatScalar(String name, float value) {
    return floats(name, new float[] {value});
  }

  static TensorProto int32s(String name, int[] values, long... dims) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asIntBuffer().put(values);
    return tensor(name, TensorProto.DataType.INT32, bytes.array(), dims);
  }

  private static TensorProto tensor(
      String name, TensorProto.DataType type, byte[] raw, long... dims) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(type.getNumber())
        .addAllDims(Arrays.stream(dims).boxed().toList())
        .setRawData(ByteString.copyFrom(raw))
        .build();
  }
}
