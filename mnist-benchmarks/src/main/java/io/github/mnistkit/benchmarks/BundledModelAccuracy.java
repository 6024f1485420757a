package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Precision;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy of the bundled default model on the MNIST test set through the public API, two ways:
 * {@code classify} on the 28×28 tensors, and {@code recognize} on each digit encoded as a PNG (the
 * whole decode + preprocessing pipeline); for the default (int8) model, or the one named by the
 * first argument ({@code fp32} or {@code int8}).
 *
 * <p>{@code java -Dmnist.dataDirectory=../shared/data/mnist -cp
 * mnist-benchmarks/target/benchmarks.jar io.github.mnistkit.benchmarks.BundledModelAccuracy}
 */
public final class BundledModelAccuracy {
  private BundledModelAccuracy() {}

  public static void main(String[] args) {
    IdxDataset test = BenchmarkData.testSet();
    DigitRecognizer.Builder builder = DigitRecognizer.builder();
    if (args.length > 0) {
      builder.precision(Precision.valueOf(args[0].toUpperCase(Locale.ROOT)));
    }
    try (DigitRecognizer recognizer = builder.build()) {
      System.out.println("Model: " + recognizer.modelInfo());
      List<DigitImage> digits = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        digits.add(DigitImage.ofMnistBytes(test.imageBytes(i)));
      }
      long start = System.nanoTime();
      List<Recognition> results = recognizer.classify(digits);
      report("classify(28×28 tensors)", test, results, start);

      start = System.nanoTime();
      List<Recognition> fromPng = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        fromPng.add(recognizer.recognize(BenchmarkData.mnistPng(test, i)));
      }
      report("recognize(PNG bytes, full pipeline)", test, fromPng, start);
    }
  }

  private static void report(String path, IdxDataset test, List<Recognition> results, long start) {
    int correct = 0;
    int noDigit = 0;
    for (int i = 0; i < results.size(); i++) {
      correct += results.get(i).digit() == test.label(i) ? 1 : 0;
      noDigit += results.get(i).hasDigit() ? 0 : 1;
    }
    System.out.printf(
        Locale.ROOT,
        "%-38s accuracy %.2f%% (%d/%d), no-digit %d, %.1f s%n",
        path,
        100.0 * correct / results.size(),
        correct,
        results.size(),
        noDigit,
        (System.nanoTime() - start) / 1e9);
  }
}
