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
 * How well the default model separates digits from things that are not digits, for the model card:
 * per confidence threshold, the share of MNIST test digits answered as a sure digit (and the
 * accuracy on those) and the share of Fashion-MNIST test images (clothes: certainly not digits)
 * still answered as a sure digit; then the verdicts at the model's own settings. The model trained
 * on Fashion-MNIST's <em>training</em> pictures among its non-digits; these are its test pictures.
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
    String model = System.getProperty("reading.model");
    try (DigitRecognizer recognizer =
        model == null
            ? DigitRecognizer.createDefault()
            : DigitRecognizer.builder().model(Path.of(model)).build()) {
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
          if (digits.get(i).isConfident(threshold)) { // a digit (not refused), at this threshold
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
      System.out.printf(
          Locale.ROOT,
          "At the model's own settings (not-sure threshold %.3f):%n| set | this digit | not sure |"
              + " not a digit | blank |%n|---|---:|---:|---:|---:|%n%s%n%s%n",
          recognizer.confidenceThreshold(),
          verdicts("MNIST test", digits),
          verdicts("Fashion-MNIST test", clothes));
    }
  }

  private static String verdicts(String set, List<Recognition> answers) {
    int[] counts = new int[Recognition.Verdict.values().length];
    answers.forEach(r -> counts[r.verdict().ordinal()]++);
    StringBuilder row = new StringBuilder("| " + set + " |");
    for (int count : counts) {
      row.append(
          String.format(Locale.ROOT, " %.2f%% (%d) |", 100.0 * count / answers.size(), count));
    }
    return row.toString();
  }

  private static List<DigitImage> images(IdxDataset data) {
    List<DigitImage> images = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      images.add(DigitImage.ofMnistBytes(data.imageBytes(i)));
    }
    return images;
  }
}
