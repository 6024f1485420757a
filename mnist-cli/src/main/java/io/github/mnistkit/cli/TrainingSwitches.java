package io.github.mnistkit.cli;

import picocli.CommandLine.Option;

/**
 * The on/off options {@code train} and {@code finetune} share, each with a {@code --no-} form.
 * Their defaults come from each command's builder ({@link Defaults}), so they may differ per
 * command.
 */
final class TrainingSwitches {
  @Option(
      names = "--augment",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description =
          "Random shifts, rotations, scaling and handwriting distortions of the training images."
              + " Default: ${DEFAULT-VALUE}.")
  boolean augment;

  @Option(names = "--no-augment", description = "Same as --augment=false.")
  boolean noAugment;

  @Option(
      names = "--int8",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description =
          "Also write model-int8.onnx, a quantised copy, when it passes its self-check"
              + " against the model just trained. Default: ${DEFAULT-VALUE}.")
  boolean int8;

  @Option(names = "--no-int8", description = "Same as --int8=false.")
  boolean noInt8;

  boolean augment() {
    return augment && !noAugment;
  }

  boolean int8() {
    return int8 && !noInt8;
  }
}
