package io.github.mnistkit.sdk.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime 1.29.0 killed the JVM (SIGSEGV) while creating its environment whenever the process
 * command line was longer than about 4 KB, as Spark executors and IDE launches have. The SDK pins
 * 1.28.0; this test starts a real child JVM with a classpath over 16 KB and recognises a digit
 * there, so a version bump that brings the crash back fails the build.
 */
class LongCommandLineTest {

  @Test
  void recognisesInAJvmWithAClasspathOver16Kb(@TempDir Path dir) throws Exception {
    String classpath = paddedClasspath(dir);
    assertTrue(classpath.length() > 16_384, "classpath is only " + classpath.length() + " chars");
    Path log = dir.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                classpath,
                Probe.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), "child JVM died (139 = SIGSEGV); output:\n" + output);
    assertTrue(output.contains("digit=1"), output);
  }

  /**
   * Many entries that do not exist, then the real test classpath: the JVM ignores the missing ones.
   */
  private static String paddedClasspath(Path dir) {
    String real =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringBuilder cp = new StringBuilder();
    for (int i = 0; cp.length() < 20_000; i++) {
      cp.append(dir.resolve("no-such-library-with-a-long-name-" + i + ".jar"))
          .append(File.pathSeparator);
    }
    return cp.append(real).toString();
  }

  /** The child JVM's program: recognise a drawn vertical stroke, print what came back. */
  public static final class Probe {
    public static void main(String[] args) {
      BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 64, 64);
      g.setColor(Color.BLACK);
      g.fillRect(29, 8, 6, 48);
      g.dispose();
      try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
        Recognition result = recognizer.recognize(image);
        System.out.println("digit=" + result.digit());
      }
    }
  }
}
