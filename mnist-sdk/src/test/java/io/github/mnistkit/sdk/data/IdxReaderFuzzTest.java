package io.github.mnistkit.sdk.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mnistkit.sdk.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as an IDX images or labels file (plain or gzipped): a result or {@link
 * InvalidDataException}, never another exception, an Error or a long stall. In a normal build this
 * replays the committed inputs under {@code IdxReaderFuzzTestInputs}; see docs/reliability.md for
 * the fuzzing command.
 */
class IdxReaderFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("idx-fuzz");
  }

  @AfterAll
  static void deleteDirectory() throws IOException {
    Files.deleteIfExists(dir.resolve("input"));
    Files.deleteIfExists(dir);
  }

  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void idxFile(byte[] data) throws IOException {
    Path file = Files.write(dir.resolve("input"), data);
    try {
      IdxReader.readImages(file);
    } catch (InvalidDataException expected) {
      // documented
    }
    try {
      IdxReader.readLabels(file);
    } catch (InvalidDataException expected) {
      // documented
    }
  }
}
