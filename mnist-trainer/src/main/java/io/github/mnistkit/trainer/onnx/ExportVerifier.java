package io.github.mnistkit.trainer.onnx;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.Softmax;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.trainer.train.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same real images through the exported file, opened the way users open it (the SDK's
 * {@link DigitRecognizer}, ONNX Runtime underneath), and through DJL, and measures how far they
 * disagree. Blank images are left out: the SDK answers them without running the model.
 */
public final class ExportVerifier {
  /** The number of images every export is checked on (fewer only if the data set is smaller). */
  public static final int IMAGES = 256;

  private ExportVerifier() {}

  public static Parity measure(Path onnxFile, TrainedModel model, IdxDataset images) {
    List<DigitImage> digits = new ArrayList<>();
    for (int i = 0; i < images.size() && digits.size() < IMAGES; i++) {
      DigitImage digit = DigitImage.ofMnistBytes(images.imageBytes(i));
      if (!digit.isBlank()) {
        digits.add(digit);
      }
    }
    int n = digits.size();
    float[] pixels = new float[n * DigitImage.PIXELS];
    for (int i = 0; i < n; i++) {
      digits.get(i).copyTo(pixels, i * DigitImage.PIXELS);
    }
    float[] expected = model.probabilities(pixels, n);
    List<Recognition> actual = recognize(onnxFile, digits);
    double maxDiff = 0;
    int mismatches = 0;
    int nonFinite = 0;
    int columns = TrainedModel.COLUMNS;
    for (int i = 0; i < n; i++) {
      float[] probabilities = sdkColumns(actual.get(i));
      for (int c = 0; c < columns; c++) {
        float e = expected[i * columns + c];
        float a = probabilities[c];
        if (!Float.isFinite(e) || !Float.isFinite(a)) {
          nonFinite++;
        } else {
          maxDiff = Math.max(maxDiff, Math.abs(e - a));
        }
      }
      if (Softmax.argmax(expected, i * columns, columns)
          != Softmax.argmax(probabilities, 0, columns)) {
        mismatches++;
      }
    }
    return new Parity(n, maxDiff, mismatches, nonFinite);
  }

  /** The SDK's answer in the trainer's columns: ten digits, then "not a digit". */
  private static float[] sdkColumns(Recognition recognition) {
    float[] columns = java.util.Arrays.copyOf(recognition.probabilities(), TrainedModel.COLUMNS);
    columns[TrainedModel.NOT_A_DIGIT] = recognition.notADigitProbability();
    return columns;
  }

  private static List<Recognition> recognize(Path onnxFile, List<DigitImage> digits) {
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(onnxFile).build()) {
      return recognizer.classify(digits);
    } catch (MnistKitException e) {
      throw new ExportVerificationException(
          "The SDK could not run " + onnxFile + ": " + e.getMessage(), e);
    }
  }
}
