package io.github.mnistkit.sdk;

/**
 * A {@link DigitRecognizer} was used after {@link DigitRecognizer#close()}. Calls that were already
 * running when close began finish normally; close waits for them. The message names the model.
 */
public class RecognizerClosedException extends MnistKitException {
  public RecognizerClosedException(String message) {
    super(message);
  }
}
