package io.github.mnistkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands against the shaded {@code mnist-kit.jar}, each in its own JVM: what a user
 * types, with nothing from the build's classpath.
 */
class JarIT {
  static final String JAR_PROPERTY = "mnistkit.jar";
  static Path jar;
  @TempDir static Path dir;

  @BeforeAll
  static void jarWasBuilt() {
    // failsafe names the jar it just built; a surefire run selected with -Dtest=... has none to
    // test
    Assumptions.assumeTrue(
        System.getProperty(JAR_PROPERTY) != null,
        "JarIT runs in the integration-test phase (failsafe), after the jar is packaged");
    jar = Path.of(System.getProperty(JAR_PROPERTY)).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " is built by 'mvn package' (maven-shade-plugin)");
  }

  record Result(int exitCode, String out) {}

  static ProcessBuilder java(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
    return builder;
  }

  static Result run(String... args) throws Exception {
    Process process = java(args).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "finished");
    return new Result(process.exitValue(), out);
  }

  @Test
  void help() throws Exception {
    Result result = run("--help");
    assertEquals(0, result.exitCode(), result.out());
    assertTrue(result.out().startsWith("Usage: mnist-kit"), result.out());
    Result usage = run("train", "--no-such-option");
    assertEquals(2, usage.exitCode(), usage.out());
  }

  @Test
  void trainsOnTheFixture() throws Exception {
    Result result =
        run(
            "train",
            "--data-directory",
            Digits.FIXTURE.toString(),
            "--epochs",
            "1",
            "--max-train-images",
            "300",
            "--output-directory",
            "model");
    assertEquals(0, result.exitCode(), result.out());
    assertTrue(result.out().contains("Trained cnn: test accuracy"), result.out());
    assertTrue(Files.size(dir.resolve("model/model.onnx")) > 1_000_000);
  }

  @Test
  void recognizesAFolder() throws Exception {
    Digits.writeFolder(dir.resolve("digits"), 5);
    Result result = run("recognize", "digits");
    assertEquals(0, result.exitCode(), result.out());
    for (int i = 0; i < 5; i++) {
      String line =
          String.format("digits/%03d-%d.png -> %d (", i, Digits.label(i), Digits.label(i));
      assertTrue(result.out().contains(line), line + " in\n" + result.out());
    }
  }

  @Test
  void servesTheRestApi() throws Exception {
    Process server = java("serve", "--port", "0", "--confidence-threshold", "0.8").start();
    try {
      URI uri = serverAddress(server);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(uri.resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      HttpResponse<String> seven =
          http.send(
              HttpRequest.newBuilder(uri.resolve("/api/recognize"))
                  .header("Content-Type", "image/png")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(Digits.png(Digits.onPaper(0, 112))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, seven.statusCode(), seven.body());
      JsonObject answer = JsonParser.parseString(seven.body()).getAsJsonObject();
      assertEquals(Digits.label(0), answer.get("digit").getAsInt());
      assertEquals(
          0.8,
          answer.get("confidenceThreshold").getAsDouble(),
          1e-6,
          "--confidence-threshold reaches the recognizer");
      assertEquals(
          answer.get("confidence").getAsDouble() >= 0.8 ? "DIGIT" : "UNSURE",
          answer.get("verdict").getAsString(),
          seven.body());
      HttpResponse<String> bad =
          http.send(
              HttpRequest.newBuilder(uri.resolve("/api/recognize"))
                  .POST(HttpRequest.BodyPublishers.ofString("not an image"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode(), bad.body());
      assertEquals(
          "invalid_image",
          JsonParser.parseString(bad.body()).getAsJsonObject().get("error").getAsString());
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(page.body().contains("<canvas"), page.body());
    } finally {
      server.destroy();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }
  }

  /** Reads the server's output until it says where it listens. */
  private static URI serverAddress(Process server) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Pattern serving = Pattern.compile("Serving (http://\\S+/) with");
    StringBuilder seen = new StringBuilder();
    for (String line; (line = lines.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher matcher = serving.matcher(line);
      if (matcher.find()) {
        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}), "serve-output");
        drain.setDaemon(true);
        drain.start();
        return URI.create(matcher.group(1));
      }
    }
    throw new AssertionError("serve exited without serving:\n" + seen);
  }
}
