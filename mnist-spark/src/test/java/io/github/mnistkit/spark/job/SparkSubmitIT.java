package io.github.mnistkit.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.mnistkit.spark.FixtureDigits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar through Spark's own {@code spark-submit} entry point ({@code SparkSubmit}) in
 * a child JVM whose classpath is Spark's alone: proves the jar carries everything it needs (SDK,
 * ONNX Runtime natives) and nothing the cluster provides.
 */
class SparkSubmitIT {
  private static Path jobJar;
  private static Path sparkClasspath;

  @TempDir Path folder;

  /** Failsafe sets these after packaging; a surefire run (e.g. with -Dtest=…) skips this class. */
  @BeforeAll
  static void packagedJar() {
    assumeTrue(
        System.getProperty("mnist.spark.jobJar") != null,
        "run by maven-failsafe-plugin after the shaded jar is built");
    jobJar = Path.of(System.getProperty("mnist.spark.jobJar"));
    sparkClasspath = Path.of(System.getProperty("mnist.spark.classpathFile"));
  }

  @Test
  void shadedJarHoldsTheSdkAndOnnxRuntimeButNotSparkOrScala() throws IOException {
    try (ZipFile jar = new ZipFile(jobJar.toFile())) {
      assertTrue(jar.getEntry("io/github/mnistkit/spark/job/RecognizeImagesJob.class") != null);
      assertTrue(jar.getEntry("io/github/mnistkit/sdk/DigitRecognizer.class") != null);
      assertTrue(jar.getEntry("ai/onnxruntime/OrtSession.class") != null);
      assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("org/apache/spark/")));
      assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("scala/")));
    }
  }

  @Test
  void sparkSubmitRunsTheShadedJobJar() throws Exception {
    Path images = Files.createDirectories(folder.resolve("images"));
    FixtureDigits.writePngs(images, 30);
    Files.writeString(images.resolve("broken.png"), "not an image");
    Path output = folder.resolve("out");

    Result ok = submit("--input", images.toString(), "--output", output.toString());
    assertEquals(0, ok.exitCode, ok.stderr);
    assertTrue(ok.stdout.contains("images: 31"), ok.stdout);
    assertTrue(ok.stdout.contains("errors: 1"), ok.stdout);
    assertTrue(Files.exists(output.resolve("_SUCCESS")));
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private Result submit(String... jobArgs) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                Files.readString(sparkClasspath).trim(),
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "local[2]",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--class",
                RecognizeImagesJob.class.getName(),
                jobJar.toString()));
    command.addAll(List.of(jobArgs));
    Path out = folder.resolve("stdout-" + System.nanoTime());
    Path err = folder.resolve("stderr-" + System.nanoTime());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("spark-submit did not finish in 180 s: " + Files.readString(err));
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
