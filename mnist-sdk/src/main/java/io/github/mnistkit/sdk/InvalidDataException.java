package io.github.mnistkit.sdk;

/**
 * A data set file or folder is missing, truncated or malformed. The message names the file, what is
 * wrong, and what to do.
 */
public class InvalidDataException extends MnistKitException {
  public InvalidDataException(String message) {
    super(message);
  }

  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
