package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.sdk.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognises a batch of rows with one shared recognizer: decodes every image, then (digit mode) one
 * {@link DigitRecognizer#recognizeAll} call for the whole batch, or (number mode) one {@link
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
    List<BufferedImage> images = new ArrayList<>(inputs.size());
    List<Integer> positions = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      BufferedImage image = decode(inputs.get(i), outcomes, i);
      if (image != null) {
        images.add(image);
        positions.add(i);
      }
    }
    if (mode == RecognitionMode.NUMBER) {
      for (int j = 0; j < images.size(); j++) {
        outcomes[positions.get(j)] = readNumber(images.get(j));
      }
    } else {
      recognizeDigits(images, positions, outcomes);
    }
    return Arrays.asList(outcomes);
  }

  private BufferedImage decode(ImageInput input, Outcome[] outcomes, int position) {
    if (input.problem() != null) {
      outcomes[position] = Outcome.failed(input.problem());
      return null;
    }
    try {
      return decoder.decode(input.bytes());
    } catch (RuntimeException e) {
      outcomes[position] = Outcome.failed(describe(e));
      return null;
    }
  }

  private void recognizeDigits(
      List<BufferedImage> images, List<Integer> positions, Outcome[] outcomes) {
    if (images.isEmpty()) {
      return;
    }
    try {
      var recognitions = recognizer.recognizeAll(images);
      for (int j = 0; j < images.size(); j++) {
        outcomes[positions.get(j)] = Outcome.of(recognitions.get(j));
      }
    } catch (RuntimeException batchFailure) {
      // One image that decodes but cannot be preprocessed must not cost the others their answer:
      // retry one by one so that only the culprit gets an error.
      for (int j = 0; j < images.size(); j++) {
        outcomes[positions.get(j)] = recognizeOne(images.get(j));
      }
    }
  }

  private Outcome recognizeOne(BufferedImage image) {
    try {
      return Outcome.of(recognizer.recognize(image));
    } catch (RuntimeException e) {
      return Outcome.failed(describe(e));
    }
  }

  private Outcome readNumber(BufferedImage image) {
    try {
      return Outcome.of(recognizer.readNumber(image));
    } catch (RuntimeException e) {
      return Outcome.failed(describe(e));
    }
  }

  /**
   * The SDK's message for documented failures; anything else is an SDK defect, kept visible with its
   * type so that it can be reported rather than silently counted as a bad image.
   */
  static String describe(RuntimeException e) {
    if (e instanceof MnistKitException) {
      return e.getMessage();
    }
    return "unexpected " + e.getClass().getName() + " (please report it to mnist-kit): "
        + e.getMessage();
  }
}
