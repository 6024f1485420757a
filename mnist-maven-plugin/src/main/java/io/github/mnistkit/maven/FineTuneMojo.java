package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.trainer.job.FineTuneConfig;
import io.github.mnistkit.trainer.job.FineTuneJob;
import io.github.mnistkit.trainer.job.FineTuneRun;
import io.github.mnistkit.trainer.job.LoggingProgress;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fine-tunes a trained model on your own {@code 0/ … 9/} image folder with MNIST replay, and
 * publishes model, checkpoint, reports and manifest together into {@link #outputDirectory} when the
 * result is better beyond noise on test images of the folder (docs/finetuning.md). The base
 * checkpoint is never modified, and refused when it does not match its folder's manifest. Skipped
 * while up to date. Unset parameters take the trainer's defaults; {@code mnist.finetune.*}
 * properties keep them apart from {@code mnist:train}'s.
 */
@Mojo(name = "finetune", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = false)
public class FineTuneMojo extends MnistMojo {
  /** The checkpoint written by {@code mnist:train}. */
  @Parameter(
      property = "mnist.finetune.baseCheckpoint",
      required = true,
      defaultValue = "${project.build.directory}/mnist/checkpoint.params")
  File baseCheckpoint;

  /** Your labelled images: sub-folders {@code 0/ … 9/}, any common format. */
  @Parameter(property = "mnist.finetune.imageFolder", required = true)
  File imageFolder;

  /** Passes over the images, at least 1. */
  @Parameter(property = "mnist.finetune.epochs")
  String epochs;

  /** Adam's learning rate, a positive number. */
  @Parameter(property = "mnist.finetune.learningRate")
  String learningRate;

  /** Train only the classifier head. */
  @Parameter(property = "mnist.finetune.freezeFeatures")
  Boolean freezeFeatures;

  /** Share of every batch drawn from MNIST training images, in [0, 1); 0 turns replay off. */
  @Parameter(property = "mnist.finetune.replayFraction")
  String replayFraction;

  /** Random shifts, rotations and scaling of the images. */
  @Parameter(property = "mnist.finetune.augment")
  Boolean augment;

  /**
   * Also write {@code model-int8.onnx} beside the fine-tuned model when the quantised copy passes
   * its self-check (default true).
   */
  @Parameter(property = "mnist.finetune.int8")
  Boolean int8;

  /** Seeds the train/validation/test split, shuffling and augmentation. */
  @Parameter(property = "mnist.finetune.seed")
  String seed;

  /** Where the fine-tuned model, checkpoint, reports, manifest and fingerprint go. */
  @Parameter(
      property = "mnist.finetune.outputDirectory",
      defaultValue = "${project.build.directory}/mnist-finetuned")
  File outputDirectory;

  /** Run even when up to date, and write the result even when it is not better beyond noise. */
  @Parameter(property = "mnist.finetune.force")
  boolean force;

  @Override
  protected void run() throws MojoExecutionException {
    FineTuneRun run =
        new FineTuneRun(
                config(),
                path(dataDirectory),
                outputFolder("outputDirectory", "mnist.finetune.outputDirectory", outputDirectory),
                new LoggingProgress(getLog()::info))
            .tool("mnist-maven-plugin", pluginVersion);
    FineTuneRun.Result result;
    try {
      result = run.run();
    } catch (InvalidModelException e) {
      throw new MojoExecutionException(
          "baseCheckpoint: "
              + e.getMessage()
              + " Run mnist:train"
              + " first, or point -Dmnist.finetune.baseCheckpoint at its checkpoint.params.",
          e);
    }
    FineTuneJob.Outcome o = result.outcome();
    if (result.skipped()) {
      getLog()
          .info(
              "Fine-tuned model "
                  + result.model()
                  + " is up to date ("
                  + result.reason()
                  + "); skipping. Use -Dmnist.finetune.force=true to run again.");
    } else if (o.written()) {
      getLog().info("Wrote " + result.model() + ": " + o.summary());
    } else {
      getLog()
          .warn(
              "No fine-tuned model was written: it is not better than the base beyond noise ("
                  + o.summary()
                  + "). Add images, raise mnist.finetune.epochs, or set mnist.finetune.force=true"
                  + " to write it anyway.");
    }
  }

  private FineTuneConfig config() throws MojoExecutionException {
    FineTuneConfig.Builder builder =
        FineTuneConfig.builder(path(baseCheckpoint), path(imageFolder)).force(force);
    ifSet(value("epochs", epochs, Integer::valueOf, "a whole number, at least 1"), builder::epochs);
    ifSet(
        value("learningRate", learningRate, Float::valueOf, "a positive number"),
        builder::learningRate);
    ifSet(
        value("replayFraction", replayFraction, Float::valueOf, "a number in [0, 1)"),
        builder::replayFraction);
    ifSet(value("seed", seed, Long::valueOf, "a whole number"), builder::seed);
    ifSet(freezeFeatures, builder::freezeFeatures);
    ifSet(augment, builder::augment);
    ifSet(int8, builder::int8);
    return checked(null, builder::build);
  }
}
