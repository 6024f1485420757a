package io.github.mnistkit.sdk;

/**
 * Finds tensors that keep their data outside the model file ({@code data_location = EXTERNAL}).
 * ONNX Runtime resolves such a tensor's relative {@code location} against the process's working
 * directory when a model is given as bytes, so a crafted model could read any file there and return
 * its bytes as "probabilities". A digit model never needs external data, so such models are refused
 * before ONNX Runtime sees them.
 *
 * <p>This is a minimal protobuf walk over the ONNX schema (onnx.proto3): ModelProto → GraphProto
 * (also training graphs and functions) → initializers, sparse initializers, node attributes and
 * their subgraphs → TensorProto. Other fields are skipped by wire type. Nesting is bounded, and
 * every length is checked against the bytes, so any input costs time linear in its size.
 */
final class OnnxExternalData {
  /**
   * ONNX Runtime's own protobuf parser stops at 100 levels; subgraphs nest far less in practice.
   */
  static final int MAX_DEPTH = 64;

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;
  private static final int EXTERNAL = 1;

  private enum Kind {
    MODEL,
    GRAPH,
    NODE,
    ATTRIBUTE,
    TENSOR,
    SPARSE_TENSOR,
    FUNCTION,
    TRAINING_INFO,
    OTHER
  }

  private final byte[] bytes;
  private final String name;
  private int next; // the position after the last varint read

  private OnnxExternalData(byte[] bytes, String name) {
    this.bytes = bytes;
    this.name = name;
  }

  /**
   * @throws InvalidModelException if a tensor uses external data, or the bytes are not a
   *     well-formed protobuf message (ONNX Runtime could not read them either)
   */
  static void refuse(byte[] model, String name) {
    new OnnxExternalData(model, name).walk(0, model.length, Kind.MODEL, 0);
  }

  private void walk(int start, int end, Kind kind, int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed(start, "messages nested more than " + MAX_DEPTH + " levels deep");
    }
    int pos = start;
    while (pos < end) {
      long key = varint(pos, end);
      pos = next;
      int field = (int) (key >>> 3);
      int wireType = (int) (key & 7);
      switch (wireType) {
        case VARINT -> {
          long value = varint(pos, end);
          if (kind == Kind.TENSOR && field == 14 && value == EXTERNAL) {
            throw external(start);
          }
          pos = next;
        }
        case FIXED64 -> pos = skip(pos, 8, end);
        case FIXED32 -> pos = skip(pos, 4, end);
        case LENGTH_DELIMITED -> {
          long length = varint(pos, end);
          pos = next;
          int bodyEnd = skip(pos, length, end);
          Kind child = child(kind, field);
          if (child == Kind.TENSOR && kind == Kind.TENSOR) { // field 13: external_data entries
            throw external(start);
          }
          if (child != Kind.OTHER) {
            walk(pos, bodyEnd, child, depth + 1);
          }
          pos = bodyEnd;
        }
        default -> throw malformed(pos, "unsupported protobuf wire type " + wireType);
      }
    }
  }

  /** The ONNX message type of field {@code field} in a {@code parent}, by onnx.proto3's numbers. */
  private static Kind child(Kind parent, int field) {
    return switch (parent) {
      case MODEL ->
          switch (field) {
            case 7 -> Kind.GRAPH; // graph
            case 20 -> Kind.TRAINING_INFO; // training_info
            case 25 -> Kind.FUNCTION; // functions
            default -> Kind.OTHER;
          };
      case TRAINING_INFO -> field == 1 || field == 2 ? Kind.GRAPH : Kind.OTHER;
      case GRAPH ->
          switch (field) {
            case 1 -> Kind.NODE; // node
            case 5 -> Kind.TENSOR; // initializer
            case 15 -> Kind.SPARSE_TENSOR; // sparse_initializer
            default -> Kind.OTHER;
          };
      case FUNCTION -> field == 7 ? Kind.NODE : Kind.OTHER; // node
      case NODE -> field == 5 ? Kind.ATTRIBUTE : Kind.OTHER; // attribute
      case ATTRIBUTE ->
          switch (field) {
            case 5, 10 -> Kind.TENSOR; // t, tensors
            case 6, 11 -> Kind.GRAPH; // g, graphs
            case 22, 23 -> Kind.SPARSE_TENSOR; // sparse_tensor, sparse_tensors
            default -> Kind.OTHER;
          };
      case SPARSE_TENSOR -> field == 1 || field == 2 ? Kind.TENSOR : Kind.OTHER; // values, indices
      case TENSOR -> field == 13 ? Kind.TENSOR : Kind.OTHER; // external_data (flagged by caller)
      case OTHER -> Kind.OTHER;
    };
  }

  /** Reads a varint at {@code pos}; sets {@link #next} to the position after it. */
  private long varint(int pos, int end) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw malformed(pos, "a number runs past the end of its message");
      }
      int b = bytes[pos++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        next = pos;
        return value;
      }
    }
    throw malformed(pos, "a number is longer than 10 bytes");
  }

  private int skip(int pos, long length, int end) {
    if (length < 0 || length > end - pos) {
      throw malformed(
          pos,
          "a field of "
              + Long.toUnsignedString(length)
              + " bytes runs past the end"
              + " of its message");
    }
    return pos + (int) length;
  }

  private InvalidModelException external(int tensorStart) {
    return new InvalidModelException(
        name
            + " is refused: a tensor (at byte "
            + tensorStart
            + ") keeps its data in an external file (data_location = EXTERNAL). ONNX Runtime would read"
            + " that file relative to the working directory, and a digit model never needs external"
            + " data. Re-export the model with all weights inside the file (mnist:train does).");
  }

  private InvalidModelException malformed(int pos, String reason) {
    return new InvalidModelException(
        name
            + " is not an ONNX model: its protobuf data is malformed"
            + " at byte "
            + pos
            + " ("
            + reason
            + "). Re-export or re-copy it.");
  }
}
