package io.github.mnistkit.cli.serve;

import java.util.Objects;

/**
 * How the demo server runs. Build with {@link #builder()}; its defaults are the only definition of
 * the {@code serve} command's defaults.
 *
 * @param host the address to listen on ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: all)
 * @param port 0 picks a free port
 * @param maxUploadBytes larger request bodies are refused with 413
 * @param maxConcurrentRequests recognition requests beyond this many at once are refused with 503
 *     <p>Which answers are "not sure" is the recognizer's business ({@link
 *     io.github.mnistkit.sdk.DigitRecognizer#confidenceThreshold()}), so that the page's status and
 *     the JSON's {@code verdict} always agree.
 */
public record ServeConfig(String host, int port, long maxUploadBytes, int maxConcurrentRequests) {

  public ServeConfig {
    Objects.requireNonNull(host, "host");
    require(port >= 0 && port <= 65_535, "port must be between 0 and 65535 (was " + port + ")");
    require(
        maxUploadBytes >= 1024,
        "maxUploadBytes must be at least 1024 (was " + maxUploadBytes + ")");
    require(
        maxConcurrentRequests >= 1,
        "maxConcurrentRequests must be at least 1 (was " + maxConcurrentRequests + ")");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: 127.0.0.1:8080, 8 MiB uploads, 4 recognitions at once. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private long maxUploadBytes = 8L * 1024 * 1024;
    private int maxConcurrentRequests = 4;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxUploadBytes(long maxUploadBytes) {
      this.maxUploadBytes = maxUploadBytes;
      return this;
    }

    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    public ServeConfig build() {
      return new ServeConfig(host, port, maxUploadBytes, maxConcurrentRequests);
    }
  }
}
