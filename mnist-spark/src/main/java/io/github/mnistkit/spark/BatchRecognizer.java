package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.ImageDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognises a batch of rows with one shared recognizer. Digit mode: each image is decoded and
 * reduced to its 28×28 input at once (so a batch holds at most one decoded image at a time), then
 * one {@link DigitRecognizer#classify(List)} call, that is one ONNX Runtime call, answers the whole
 * batch, exactly as {@link DigitRecognizer#recognizeAll} would. Number mode: one {@link
 * DigitRecognizer#readNumber} per row. A bad image never fails the batch: its row gets an error.
 */
final class BatchRecognizer {
  private final DigitRecognizer recognizer;
  private final RecognitionMode mode;
  private final ImageDecoder decoder = ImageDecoder.create();

  BatchRecognizer(DigitRecognizer recognizer, RecognitionMode mode) {
    this.recognizer = recognizer;
    this.mode = mode;
  }

  List<Outcome> recognize(List<ImageInput> inputs) {
    Outcome[] outcomes = new Outcome[inputs.size()];
    List<DigitImage> digits = new ArrayList<>(inputs.size());
    List<Integer> positions = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      try {
        ImageInput input = inputs.get(i);
        if (input.problem() != null) {
          outcomes[i] = Outcome.failed(input.problem());
        } else if (mode == RecognitionMode.NUMBER) {
          outcomes[i] = Outcome.of(recognizer.readNumber(decoder.decode(input.bytes())));
        } else {
          digits.add(recognizer.preprocess(decoder.decode(input.bytes())));
          positions.add(i);
        }
      } catch (RuntimeException e) {
        outcomes[i] = Outcome.failed(describe(e));
      }
    }
    if (!digits.isEmpty()) {
      List<Recognition> recognitions = recognizer.classify(digits);
      for (int j = 0; j < digits.size(); j++) {
        outcomes[positions.get(j)] = Outcome.of(recognitions.get(j));
      }
    }
    return Arrays.asList(outcomes);
  }

  /**
   * The SDK's message for documented failures; anything else is an SDK defect, kept visible with
   * its type so that it can be reported rather than silently counted as a bad image.
   */
  static String describe(RuntimeException e) {
    if (e instanceof MnistKitException) {
      return e.getMessage();
    }
    return "unexpected "
        + e.getClass().getName()
        + " (please report it to mnist-kit): "
        + e.getMessage();
  }
}
