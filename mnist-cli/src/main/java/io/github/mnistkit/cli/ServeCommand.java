package io.github.mnistkit.cli;

import io.github.mnistkit.cli.serve.DemoServer;
import io.github.mnistkit.cli.serve.ServeConfig;
import io.github.mnistkit.sdk.DigitRecognizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnist-kit serve}: the web page to draw digits on, and the REST API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves a web page to draw digits on (mouse or touch) or upload a photo, and a REST API. The page"
          + " shows the number read, each digit's box, the 28x28 image the model saw and its ten"
          + " probabilities.",
      "REST API:",
      "  POST /api/recognize, POST /api/read-number  (image bytes as the body, or a multipart file field)",
      "  GET /api/model, GET /health",
      "Runs until stopped (Ctrl+C)."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "An ONNX model file. Default: the model bundled in the SDK.")
  Path model;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on; 0.0.0.0 for every network interface. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "0 picks a free port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--max-upload-bytes",
      paramLabel = "N",
      description = "Larger uploads are refused (413). Default: ${DEFAULT-VALUE}.")
  long maxUploadBytes;

  @Option(
      names = "--max-concurrent-requests",
      paramLabel = "N",
      description =
          "Recognitions running at once; more are refused (503). Default: ${DEFAULT-VALUE}.")
  int maxConcurrentRequests;

  @Option(
      names = "--confidence-threshold",
      paramLabel = "P",
      description =
          "Below this probability a digit is 'not sure' (verdict UNSURE), on the page and in the"
              + " API. Default: the threshold calibrated into the model (0 for models without one).")
  Double confidenceThreshold;

  @Override
  public Integer call() {
    ServeConfig config =
        Usage.check(
            spec,
            () ->
                ServeConfig.builder()
                    .host(host)
                    .port(port)
                    .maxUploadBytes(maxUploadBytes)
                    .maxConcurrentRequests(maxConcurrentRequests)
                    .build());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              awaitQuietly(stopped);
            },
            "mnist-kit-serve-shutdown");
    DigitRecognizer.Builder recognizerSettings = ImageCommand.settings(model);
    if (confidenceThreshold != null) {
      Usage.check(spec, () -> recognizerSettings.confidenceThreshold(confidenceThreshold));
    }
    try (DigitRecognizer recognizer = recognizerSettings.build();
        DemoServer server =
            DemoServer.start(
                recognizer,
                config,
                message -> {
                  err.println(message);
                  err.flush();
                })) {
      Runtime.getRuntime().addShutdownHook(hook);
      out.println(
          "Serving "
              + server.uri()
              + " with "
              + recognizer.modelInfo()
              + ". Press Ctrl+C to stop.");
      out.flush();
      awaitStop(stop);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
        // nothing to undo
      }
    }
    return MnistKit.OK;
  }

  private static void awaitStop(CountDownLatch stop) {
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped by the embedding code (tests): close and return
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
