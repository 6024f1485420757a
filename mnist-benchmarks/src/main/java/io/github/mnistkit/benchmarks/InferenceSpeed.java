package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Images per second of {@code DigitRecognizer.classify} at batch 1 and 256 for a model, timed the
 * same way as scripts/pytorch_reference.py times PyTorch eager (20 warm-up calls, then 3 s). Prints
 * one JSON line. Args: model.onnx threads.
 */
public final class InferenceSpeed {
  private InferenceSpeed() {}

  public static void main(String[] args) {
    IdxDataset test = BenchmarkData.testSet();
    int threads = Integer.parseInt(args[1]);
    StringBuilder json = new StringBuilder("{\"side\": \"mnist-kit-sdk\", \"threads\": " + threads);
    try (DigitRecognizer recognizer =
        DigitRecognizer.builder().model(Path.of(args[0])).threads(threads).build()) {
      for (int batch : new int[] {1, 256}) {
        List<DigitImage> inputs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          inputs.add(DigitImage.ofMnistBytes(test.imageBytes(i)));
        }
        for (int i = 0; i < 20; i++) {
          recognizer.classify(inputs);
        }
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < 3_000_000_000L) {
          recognizer.classify(inputs);
          calls++;
        }
        double perSecond = calls * batch / ((System.nanoTime() - start) / 1e9);
        json.append(
            String.format(Locale.ROOT, ", \"images_per_second_batch%d\": %.1f", batch, perSecond));
      }
    }
    System.out.println(
        json.append(", \"peak_rss_mb\": ").append(PeakMemory.megabytes()).append('}'));
  }
}
