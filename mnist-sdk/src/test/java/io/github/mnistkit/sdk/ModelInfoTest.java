package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoTest {
  @TempDir Path dir;

  @Test
  void bundledModelsReportTheSha256OfTheirBytesAndAVersionDerivedFromIt() throws Exception {
    assertBundled(DigitRecognizer.builder(), ModelSource.DEFAULT_INT8_RESOURCE); // the default
    assertBundled(
        DigitRecognizer.builder().precision(Precision.INT8), ModelSource.DEFAULT_INT8_RESOURCE);
    assertBundled(
        DigitRecognizer.builder().precision(Precision.FP32), ModelSource.DEFAULT_RESOURCE);
  }

  private static void assertBundled(DigitRecognizer.Builder builder, String resource)
      throws Exception {
    byte[] bytes;
    try (InputStream in = ModelSource.class.getResourceAsStream(resource)) {
      bytes = in.readAllBytes();
    }
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (DigitRecognizer recognizer = builder.build()) {
      ModelInfo info = recognizer.modelInfo();
      assertEquals(expected, info.sha256(), resource);
      assertEquals("sha256:" + expected.substring(0, 12), info.version());
    }
  }

  @Test
  void fileAndInMemoryModelsReportTheSha256OfTheirOwnBytes() throws Exception {
    byte[] bytes;
    try (InputStream in = ModelSource.class.getResourceAsStream(ModelSource.DEFAULT_RESOURCE)) {
      bytes = in.readAllBytes();
    }
    Path copy = Files.write(dir.resolve("model.onnx"), bytes);
    String bundled = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (DigitRecognizer file = DigitRecognizer.builder().model(copy).build();
        DigitRecognizer padded =
            DigitRecognizer.builder().model(withTrailingByte(bytes), "padded").build()) {
      assertEquals(bundled, file.modelInfo().sha256());
      assertEquals(
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(withTrailingByte(bytes))),
          padded.modelInfo().sha256());
    }
  }

  @Test
  void aDeclaredModelVersionWinsOverTheDigest() {
    ModelInfo declared =
        new ModelInfo("m", Map.of(ModelMetadata.MODEL_VERSION, "2.1"), "ab".repeat(32));
    assertEquals("2.1", declared.version());
    ModelInfo unknown = new ModelInfo("m", Map.of());
    assertNull(unknown.sha256());
    assertEquals("unknown", unknown.version());
  }

  /** The same model with an unknown protobuf field (number 100, varint 1) appended: other bytes. */
  private static byte[] withTrailingByte(byte[] bytes) {
    byte[] copy = java.util.Arrays.copyOf(bytes, bytes.length + 3);
    copy[bytes.length] = (byte) 0xA0; // tag (100 << 3 | 0) = 0x320 as a varint: A0 06
    copy[bytes.length + 1] = 0x06;
    copy[bytes.length + 2] = 0x01;
    return copy;
  }
}
