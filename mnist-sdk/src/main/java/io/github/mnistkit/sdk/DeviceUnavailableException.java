package io.github.mnistkit.sdk;

/** The requested device cannot be used; the message says why and what to install or change. */
public class DeviceUnavailableException extends MnistKitException {
  public DeviceUnavailableException(String message) {
    super(message);
  }

  public DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
