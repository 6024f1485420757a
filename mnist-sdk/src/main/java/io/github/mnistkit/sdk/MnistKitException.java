package io.github.mnistkit.sdk;

/**
 * Base of every exception mnist-kit throws. Messages always say what is wrong, which file or input
 * it concerns, and what to do about it.
 */
public class MnistKitException extends RuntimeException {
  public MnistKitException(String message) {
    super(message);
  }

  public MnistKitException(String message, Throwable cause) {
    super(message, cause);
  }
}
