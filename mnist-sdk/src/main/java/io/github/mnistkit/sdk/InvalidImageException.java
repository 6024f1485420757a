package io.github.mnistkit.sdk;

/**
 * An image could not be decoded or is not acceptable: empty, truncated, not an image, an
 * unsupported format, or too large to decode safely. The message names the source and the reason.
 */
public class InvalidImageException extends MnistKitException {
  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
