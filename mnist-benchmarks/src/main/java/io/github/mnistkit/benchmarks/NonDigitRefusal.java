package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.sdk.image.DigitImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a confidence threshold separates digits from things that are not digits, for the model
 * card: the bundled model has no "not a digit" class, so the only refusal is "not sure" below a
 * threshold. Per threshold: the share of MNIST test digits answered (and the accuracy on those),
 * and the share of Fashion-MNIST test images (clothes: certainly not digits) still answered as a
 * digit.
 *
 * <p>{@code java -Dmnist.dataDirectory=../shared/data/mnist
 * -Dfashion.dataDirectory=/usr/share/datasets/fashion-mnist -cp
 * mnist-benchmarks/target/benchmarks.jar io.github.mnistkit.benchmarks.NonDigitRefusal}
 */
public final class NonDigitRefusal {
  private static final double[] THRESHOLDS = {0.5, 0.8, 0.9, 0.95, 0.99};

  private NonDigitRefusal() {}

  public static void main(String[] args) {
    IdxDataset mnist = BenchmarkData.testSet();
    Path fashionDirectory =
        Path.of(System.getProperty("fashion.dataDirectory", "/usr/share/datasets/fashion-mnist"));
    IdxDataset fashion =
        IdxReader.read(
            fashionDirectory.resolve("t10k-images-idx3-ubyte.gz"),
            fashionDirectory.resolve("t10k-labels-idx1-ubyte.gz"));
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      System.out.println(
          "Model: " + recognizer.modelInfo() + ", sha256 " + recognizer.modelInfo().sha256());
      List<Recognition> digits = recognizer.classify(images(mnist));
      List<Recognition> clothes = recognizer.classify(images(fashion));
      System.out.println(
          "| threshold | MNIST test answered | accuracy on answered | Fashion-MNIST test answered as a digit |");
      System.out.println("|---:|---:|---:|---:|");
      for (double threshold : THRESHOLDS) {
        int answered = 0;
        int correct = 0;
        for (int i = 0; i < digits.size(); i++) {
          if (digits.get(i).isConfident(threshold)) {
            answered++;
            correct += digits.get(i).digit() == mnist.label(i) ? 1 : 0;
          }
        }
        long fooled = clothes.stream().filter(r -> r.isConfident(threshold)).count();
        System.out.printf(
            Locale.ROOT,
            "| %.2f | %.2f%% (%d/%d) | %.2f%% | %.2f%% (%d/%d) |%n",
            threshold,
            100.0 * answered / digits.size(),
            answered,
            digits.size(),
            100.0 * correct / answered,
            100.0 * fooled / clothes.size(),
            fooled,
            clothes.size());
      }
      long blank = clothes.stream().filter(r -> !r.hasDigit()).count();
      System.out.println("Fashion-MNIST images answered \"no digit\" (blank): " + blank);
    }
  }

  private static List<DigitImage> images(IdxDataset data) {
    List<DigitImage> images = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      images.add(DigitImage.ofMnistBytes(data.imageBytes(i)));
    }
    return images;
  }
}
