package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models from strangers: refused before ONNX Runtime sees anything that could harm the host. */
class UntrustedModelTest {

  /**
   * The attack: a model whose weights are "external data" named relative to the working directory
   * makes ONNX Runtime read that file and return its bytes as probabilities. The file really exists
   * here, so on an SDK without the check the model loads.
   */
  @Test
  void externalDataPointingIntoTheWorkingDirectoryIsRefused() throws Exception {
    Path stolen = Path.of("mnistkit-secret-" + UUID.randomUUID() + ".bin").toAbsolutePath();
    Files.write(stolen, new byte[ExternalDataModel.WEIGHT_BYTES]);
    try {
      String location = stolen.getFileName().toString();
      for (Function<String, byte[]> model :
          java.util.List.<Function<String, byte[]>>of(
              ExternalDataModel::externalInitializer, ExternalDataModel::externalConstant)) {
        InvalidModelException e =
            assertThrows(
                InvalidModelException.class,
                () ->
                    DigitRecognizer.builder().model(model.apply(location), "crafted.onnx").build());
        assertTrue(e.getMessage().startsWith("crafted.onnx is refused"), e.getMessage());
        assertTrue(e.getMessage().contains("data_location = EXTERNAL"), e.getMessage());
      }
    } finally {
      Files.deleteIfExists(stolen);
    }
  }

  @Test
  void theSameModelWithItsWeightsInsideIsAccepted() {
    try (DigitRecognizer recognizer =
        DigitRecognizer.builder().model(ExternalDataModel.embedded(), "embedded.onnx").build()) {
      assertEquals(3, recognizer.classify(Fixtures.digit(0)).digit()); // all weight on class 3
    }
  }

  /**
   * Subgraphs nested 1,000 deep (If.then_branch in If.then_branch …): refused, no stack overflow.
   */
  @Test
  void deeplyNestedSubgraphsAreRefusedWithoutRecursingPerLevel() {
    byte[] graph = new byte[0];
    for (int level = 0; level < 1_000; level++) {
      byte[] attribute = field(6, graph); // AttributeProto.g
      byte[] node = field(5, attribute); // NodeProto.attribute
      graph = field(1, node); // GraphProto.node
    }
    byte[] model = field(7, graph); // ModelProto.graph
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class,
            () -> DigitRecognizer.builder().model(model, "nested.onnx").build());
    assertTrue(e.getMessage().contains("nested.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
  }

  /** A 2 GB model file (sparse: no disk used) is refused from its size, not read into the heap. */
  @Test
  void aModelFileLargerThanAnyDigitModelIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
    Path huge = dir.resolve("huge.onnx");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(1L << 31);
    }
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class, () -> DigitRecognizer.builder().model(huge).build());
    assertTrue(
        e.getMessage().contains("huge.onnx") && e.getMessage().contains("2,147,483,648 bytes"),
        e.getMessage());
  }

  private static byte[] field(int number, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 8);
    writeVarint(out, (long) number << 3 | 2);
    writeVarint(out, body.length);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
