package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.sdk.image.DigitImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a model answers digits cut from rows of MNIST <em>test</em> digits ({@link CutDigits}, the
 * same rule as the training pieces): not a test, a tool. Prints the share read right and sure, sure
 * and wrong, not sure, and refused as not a digit.
 *
 * <p>{@code java -cp mnist-trainer/target/test-classes:mnist-trainer/target/classes:<trainer
 * classpath> io.github.mnistkit.trainer.data.CutDigitReading /path/to/mnist [pieces, 3000] [model
 * .onnx, default: the bundled one]}
 */
public final class CutDigitReading {
  private CutDigitReading() {}

  public static void main(String[] args) {
    Path mnist = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    IdxDataset test =
        IdxReader.read(
            mnist.resolve("t10k-images-idx3-ubyte.gz"), mnist.resolve("t10k-labels-idx1-ubyte.gz"));
    IdxDataset pieces = CutDigits.generate(test, count, 7);
    List<DigitImage> images = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      images.add(DigitImage.ofMnistBytes(pieces.imageBytes(i)));
    }
    try (DigitRecognizer recognizer =
        args.length > 2
            ? DigitRecognizer.builder().model(Path.of(args[2])).build()
            : DigitRecognizer.createDefault()) {
      int[] counts = new int[4];
      List<Recognition> answers = recognizer.classify(images);
      for (int i = 0; i < answers.size(); i++) {
        counts[kind(answers.get(i), pieces.label(i))]++;
      }
      System.out.printf(
          "%s: %d cut digits from rows of MNIST test digits: sure and right %.1f%%, sure and wrong"
              + " %.1f%%, not sure %.1f%%, refused as not a digit %.1f%%%n",
          recognizer.modelInfo().source(),
          answers.size(),
          100.0 * counts[0] / answers.size(),
          100.0 * counts[1] / answers.size(),
          100.0 * counts[2] / answers.size(),
          100.0 * counts[3] / answers.size());
    }
  }

  private static int kind(Recognition answer, int label) {
    if (answer.verdict() == Recognition.Verdict.NOT_A_DIGIT) {
      return 3;
    }
    if (!answer.isSure()) {
      return 2;
    }
    return answer.digit() == label ? 0 : 1;
  }
}
