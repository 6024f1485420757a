package io.github.mnistkit.cli.serve;

/** A request the server refuses, with the status and the message the client gets as JSON. */
final class HttpError extends RuntimeException {
  private final int status;
  private final String code;

  HttpError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  /** A stable, machine-readable name of the error, e.g. {@code too_large}. */
  String code() {
    return code;
  }
}
