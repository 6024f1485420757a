package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.mnistkit.sdk.image.DigitImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Single-image runs use pre-allocated tensors from a pool ({@link SingleImageRunner}); they must
 * answer exactly as fresh tensors do, from many threads at once, and refuse a lying model as
 * before.
 */
class SingleImageRunTest {
  private static final int THREADS = 6;
  private static final int DIGITS = 48;

  @ParameterizedTest
  @EnumSource(Precision.class)
  void pooledTensorsAnswerAsFreshOnesFromManyThreads(Precision precision) throws Exception {
    List<DigitImage> digits = new ArrayList<>();
    for (int i = 0; i < DIGITS; i++) {
      digits.add(Fixtures.digit(i));
    }
    float[][] expected = new float[DIGITS][];
    try (DigitRecognizer fresh = freshTensors(precision)) {
      for (int i = 0; i < DIGITS; i++) {
        expected[i] = fresh.classify(digits.get(i)).probabilities();
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (DigitRecognizer pooled =
        DigitRecognizer.builder().precision(precision).threads(1).build()) {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * 7;
        runs.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < 4 * DIGITS; n++) {
                    int i = (offset + n) % DIGITS;
                    assertArrayEquals(
                        expected[i], pooled.classify(digits.get(i)).probabilities(), "digit " + i);
                  }
                }));
      }
      for (Future<?> run : runs) {
        run.get(); // rethrows an assertion failure of that thread
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aModelWhoseOutputIsNotItsDeclaredShapeIsRefusedOnASingleImage() {
    try (DigitRecognizer recognizer =
        DigitRecognizer.builder().model(fewerOutputsThanDeclared(), "liar.onnx").build()) {
      InvalidModelException e =
          assertThrows(InvalidModelException.class, () -> recognizer.classify(Fixtures.digit(0)));
      assertTrue(e.getMessage().contains("liar.onnx"), e.getMessage());
      assertTrue(e.getMessage().contains("is not a float tensor [1, 10]"), e.getMessage());
      // the next call still answers the same way (the failed buffers were not pooled broken)
      InvalidModelException again =
          assertThrows(InvalidModelException.class, () -> recognizer.classify(Fixtures.digit(1)));
      assertEquals(e.getMessage(), again.getMessage());
    }
  }

  private static DigitRecognizer freshTensors(Precision precision) {
    System.setProperty(OnnxDigitModel.FRESH_TENSORS_PROPERTY, "true");
    try {
      return DigitRecognizer.builder().precision(precision).threads(1).build();
    } finally {
      System.clearProperty(OnnxDigitModel.FRESH_TENSORS_PROPERTY);
    }
  }

  /**
   * Declares probabilities [N, 10] but gives the first k pixels of each image, k being the largest
   * pixel value as a whole number (2 for a normalised MNIST digit): a shape no static check can
   * see.
   */
  private static byte[] fewerOutputsThanDeclared() {
    return WrongShapeModel.model(
        GraphProto.newBuilder()
            .setName("liar")
            .addInput(WrongShapeModel.tensor("image", 1, 28, 28))
            .addOutput(WrongShapeModel.tensor("probabilities", 10))
            .addInitializer(longs("starts", 0))
            .addInitializer(longs("axes", 1))
            .addInitializer(longs("one", 1))
            .addNode(node("Flatten", "image", "flat").addAttribute(intAttribute("axis", 1)))
            .addNode(node("ReduceMax", "flat", "max").addAttribute(intAttribute("keepdims", 0)))
            .addNode(
                node("Cast", "max", "k")
                    .addAttribute(intAttribute("to", TensorProto.DataType.INT64.getNumber())))
            .addNode(node("Reshape", "k", "ends").addInput("one"))
            .addNode(
                node("Slice", "flat", "probabilities")
                    .addInput("starts")
                    .addInput("ends")
                    .addInput("axes")));
  }

  private static NodeProto.Builder node(String op, String input, String output) {
    return NodeProto.newBuilder().setOpType(op).addInput(input).addOutput(output);
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  private static TensorProto longs(String name, long value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.INT64.getNumber())
        .addDims(1)
        .addInt64Data(value)
        .build();
  }
}
