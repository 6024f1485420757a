package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SDK never catches StackOverflowError, OutOfMemoryError, Error or Throwable: the causes are
 * fixed instead (bounded readers, bounded buffers), and an Error means a bug to report.
 */
class NoErrorCatchingTest {
  private static final Pattern CATCH_OF_ERROR =
      Pattern.compile(
          "catch\\s*\\([^)]*\\b(Throwable|Error|StackOverflowError|OutOfMemoryError"
              + "|VirtualMachineError)\\b");

  @Test
  void noSourceFileOfTheSdkCatchesAnError() throws IOException {
    Path sources = Path.of("src/main/java");
    assertTrue(Files.isDirectory(sources), "run from the module directory");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(sources)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> CATCH_OF_ERROR.matcher(read(f)).find())
              .map(Path::toString)
              .toList();
    }
    assertTrue(offenders.isEmpty(), "catches an Error: " + offenders);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
