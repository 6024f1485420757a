package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.InvalidDataException;

/**
 * The files of a standard data set are neither in the data directory given, nor in the cache, nor
 * downloadable. The message names the folders tried, the cache folder with the md5 of each file to
 * put there, and the data directory as the alternative.
 */
public class DataUnavailableException extends InvalidDataException {
  public DataUnavailableException(String message) {
    super(message);
  }

  public DataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
