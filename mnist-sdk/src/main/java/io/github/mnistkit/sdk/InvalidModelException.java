package io.github.mnistkit.sdk;

/**
 * A model file is missing, is not ONNX, or is not a digit model (wrong input or output shape). The
 * message names the file and the reason.
 */
public class InvalidModelException extends MnistKitException {
  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
