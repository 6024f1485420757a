package io.github.mnistkit.trainer.onnx;

import io.github.mnistkit.sdk.MnistKitException;

/** The ONNX file does not compute what the trained DJL model computes; it was not written. */
public class ExportVerificationException extends MnistKitException {
  public ExportVerificationException(String message) {
    super(message);
  }

  public ExportVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
