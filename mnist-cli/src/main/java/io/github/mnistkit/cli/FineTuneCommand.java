package io.github.mnistkit.cli;

import io.github.mnistkit.trainer.data.PrintedDigits;
import io.github.mnistkit.trainer.job.FineTuneConfig;
import io.github.mnistkit.trainer.job.FineTuneJob;
import io.github.mnistkit.trainer.job.FineTuneRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mnist-kit finetune}: the {@code mnist:finetune} goal on the command line. */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Adapts a trained model to your own 0/ ... 9/ image folder, mixing MNIST images into every batch"
          + " (replay) so it keeps recognising handwriting. Writes model.onnx, checkpoint.params and"
          + " report.json only when the result is better on held-out images of the folder (unless"
          + " --force). The base checkpoint is never modified.",
      "Skipped while up to date (same base, images, MNIST files, settings and versions)."
    })
final class FineTuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--base-checkpoint",
      paramLabel = "FILE",
      description = "The checkpoint 'mnist-kit train' wrote. Default: ${DEFAULT-VALUE}.")
  Path baseCheckpoint;

  @Option(
      names = "--image-folder",
      paramLabel = "FOLDER",
      required = true,
      description = "Your labelled images: sub-folders 0/ ... 9/, any common format.")
  Path imageFolder;

  @Option(names = "--epochs", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--learning-rate",
      paramLabel = "RATE",
      description = "Adam's rate, lower than for training from scratch. Default: ${DEFAULT-VALUE}.")
  float learningRate;

  @Option(
      names = "--freeze-features",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Train only the classifier head. Default: ${DEFAULT-VALUE}.")
  boolean freezeFeatures;

  @Option(
      names = "--replay-fraction",
      paramLabel = "F",
      description =
          "Share of every batch drawn from MNIST, in [0, 1); 0 turns replay off."
              + " Default: ${DEFAULT-VALUE}.")
  float replayFraction;

  @Mixin TrainingSwitches switches;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seeds the held-out split, shuffling and augmentation. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = {"--data-directory", "--data"},
      paramLabel = "FOLDER",
      description =
          "Folder with the four MNIST IDX files, for replay and the before/after MNIST test."
              + " Default: the per-user cache, downloading the files once.")
  Path dataDirectory;

  @Option(
      names = {"--output-directory", "--output"},
      paramLabel = "FOLDER",
      description =
          "Where the fine-tuned model.onnx, checkpoint.params and report.json go; not the base"
              + " checkpoint's folder. Default: ${DEFAULT-VALUE}.")
  Path outputDirectory;

  @Option(
      names = "--force",
      description = "Run even when up to date, and write the result even when it is not better.")
  boolean force;

  @Option(
      names = "--generate-printed",
      paramLabel = "N",
      description =
          "First write N generated printed and seven-segment digits per class into the image"
              + " folder (demo data, as in docs/finetuning.md).")
  Integer generatePrinted;

  @Override
  public Integer call() {
    FineTuneConfig config =
        Usage.check(
            spec,
            () ->
                FineTuneConfig.builder(absolute(baseCheckpoint), absolute(imageFolder))
                    .epochs(epochs)
                    .learningRate(learningRate)
                    .freezeFeatures(freezeFeatures)
                    .replayFraction(replayFraction)
                    .augment(switches.augment())
                    .int8(switches.int8())
                    .seed(seed)
                    .force(force)
                    .build());
    if (generatePrinted != null) {
      if (generatePrinted < 1) {
        throw Usage.error(
            spec, "--generate-printed must be at least 1 (was " + generatePrinted + ")");
      }
      PrintedDigits.generate(config.imageFolder(), generatePrinted, 7);
    }
    PrintWriter out = spec.commandLine().getOut();
    FineTuneRun.Result result =
        new FineTuneRun(
                config, absolute(dataDirectory), absolute(outputDirectory), Progress.to(out))
            .tool("mnist-kit-cli", VersionCommand.version())
            .run();
    FineTuneJob.Outcome outcome = result.outcome();
    if (result.skipped()) {
      out.println(
          "Fine-tuned model "
              + result.model()
              + " is up to date ("
              + result.reason()
              + ");"
              + " skipping. Use --force to run again.");
    } else if (outcome.written()) {
      out.printf(
          Locale.ROOT,
          "Wrote %s: %.2f%% -> %.2f%% on %d held-out images, MNIST test %.2f%% -> %.2f%%%n",
          outcome.model(),
          100 * outcome.baseUserAccuracy(),
          100 * outcome.tunedUserAccuracy(),
          outcome.userValidationImages(),
          100 * outcome.baseMnistAccuracy(),
          100 * outcome.tunedMnistAccuracy());
    } else {
      out.println(
          "No fine-tuned model was written: it was not better than the base on the held-out images"
              + " (add images, raise --epochs, or use --force to write it anyway).");
    }
    out.flush();
    return MnistKit.OK;
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().normalize();
  }
}
