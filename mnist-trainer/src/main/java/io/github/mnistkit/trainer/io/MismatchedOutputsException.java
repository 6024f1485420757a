package io.github.mnistkit.trainer.io;

import io.github.mnistkit.sdk.MnistKitException;

/**
 * The files of an output folder do not match its manifest: they were written by different runs, or
 * changed after the run that published them. The message names the folder and each differing file.
 */
public class MismatchedOutputsException extends MnistKitException {
  public MismatchedOutputsException(String message) {
    super(message);
  }
}
