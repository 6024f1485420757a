package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DigitRecognizer} per model per executor JVM, created on first use and shared by all
 * task threads of that executor (the SDK is thread-safe), closed when the JVM shuts down.
 *
 * <p>Spark runs one task per core, so each recognizer uses few ONNX Runtime threads (1 by default):
 * the parallelism comes from the tasks, and more intra-op threads would only fight over the cores.
 */
final class ExecutorRecognizers {
  private static final Map<String, DigitRecognizer> RECOGNIZERS = new ConcurrentHashMap<>();
  private static volatile boolean hookInstalled;

  private ExecutorRecognizers() {}

  /** The shared recognizer for {@code model} with {@code threads} intra-op threads. */
  static DigitRecognizer get(ModelPayload model, int threads) {
    String key = model.key() + "/threads=" + threads;
    DigitRecognizer recognizer = RECOGNIZERS.get(key);
    if (recognizer != null) {
      return recognizer;
    }
    installShutdownHook();
    return RECOGNIZERS.computeIfAbsent(key, k -> model.open(threads));
  }

  /** How many recognizers this JVM holds (for tests and logs). */
  static int size() {
    return RECOGNIZERS.size();
  }

  private static synchronized void installShutdownHook() {
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(ExecutorRecognizers::closeAll, "mnist-kit-recognizers-close"));
      hookInstalled = true;
    }
  }

  private static void closeAll() {
    List<DigitRecognizer> open = new ArrayList<>(RECOGNIZERS.values());
    RECOGNIZERS.clear();
    for (DigitRecognizer recognizer : open) {
      recognizer.close();
    }
  }
}
