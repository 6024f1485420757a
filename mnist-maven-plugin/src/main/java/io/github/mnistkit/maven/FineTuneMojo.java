package io.github.mnistkit.maven;

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
 * Fine-tunes a trained model on your own {@code 0/ … 9/} image folder, mixing in MNIST images
 * (replay) so it keeps recognising handwriting, and writes {@code model.onnx}, {@code
 * checkpoint.params} and {@code report.json} into {@link #outputDirectory} when the result is better
 * beyond noise on test images of the folder (see docs/finetuning.md). The base checkpoint is never modified.
 *
 * <p>Skipped when the base checkpoint, the images, the MNIST files, the settings and the plugin
 * version equal those of the last run that wrote a model. Its own settings use {@code
 * mnist.finetune.*} properties, so that one build can run {@code mnist:train} and {@code
 * mnist:finetune} with different values.
 *
 * <p>Bound by default to {@code generate-resources}, like {@code mnist:train} (declare it after
 * train: executions of one phase run in POM order), so the fine-tuned model can be packaged.
 */
@Mojo(name = "finetune", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = false)
public class FineTuneMojo extends MnistMojo {
  /** The checkpoint written by {@code mnist:train}. */
  @Parameter(property = "mnist.finetune.baseCheckpoint", defaultValue = "${project.build.directory}/mnist/checkpoint.params")
  File baseCheckpoint;

  /** Your labelled images: sub-folders {@code 0/ … 9/}, any common format. */
  @Parameter(property = "mnist.finetune.imageFolder", required = true)
  File imageFolder;

  /** Passes over the images (default 8). */
  @Parameter(property = "mnist.finetune.epochs")
  Integer epochs;

  /** Adam's learning rate; default 3e-4, lower than for training from scratch. */
  @Parameter(property = "mnist.finetune.learningRate")
  Float learningRate;

  /** Train only the classifier head (default false). */
  @Parameter(property = "mnist.finetune.freezeFeatures")
  Boolean freezeFeatures;

  /** Share of every batch drawn from MNIST training images, in [0, 1); 0 turns replay off (default 0.5). */
  @Parameter(property = "mnist.finetune.replayFraction")
  Float replayFraction;

  /** Random shifts, rotations and scaling of the images (default true). */
  @Parameter(property = "mnist.finetune.augment")
  Boolean augment;

  /** Seeds the train/validation/test split, shuffling and augmentation. */
  @Parameter(property = "mnist.finetune.seed", defaultValue = "42")
  long seed;

  /** Folder with the four MNIST IDX files, for replay and the before/after MNIST test; default: the cache. */
  @Parameter(property = "mnist.dataDirectory")
  File dataDirectory;

  /** Where the fine-tuned {@code model.onnx}, {@code checkpoint.params} and {@code report.json} go. */
  @Parameter(property = "mnist.finetune.outputDirectory", defaultValue = "${project.build.directory}/mnist-finetuned")
  File outputDirectory;

  /** Fine-tune even when up to date, and write the result even when it is not better beyond noise on the test images. */
  @Parameter(property = "mnist.finetune.force", defaultValue = "false")
  boolean force;

  /** Skip the goal (also skips {@code mnist:train} and {@code mnist:evaluate}). */
  @Parameter(property = "mnist.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Skipping mnist:finetune (mnist.skip=true)");
      return;
    }
    FineTuneRun run = new FineTuneRun(config(), path(dataDirectory), path(outputDirectory),
        new LoggingProgress(getLog()::info)).tool("mnist-maven-plugin", pluginVersion);
    FineTuneRun.Result result;
    try {
      result = run.run();
    } catch (RuntimeException e) {
      throw error(null, e);
    }
    FineTuneJob.Outcome outcome = result.outcome();
    if (result.skipped()) {
      getLog().info("Fine-tuned model " + result.model() + " is up to date (" + result.reason() + ");"
          + " skipping. Use -Dmnist.finetune.force=true to run again.");
    } else if (outcome.written()) {
      getLog().info("Wrote " + outcome.model() + ": " + outcome.summary());
    } else {
      getLog().warn("No fine-tuned model was written: it is not better than the base beyond noise (" + outcome.summary()
          + "). Add images, raise mnist.finetune.epochs, or set mnist.finetune.force=true to write it anyway.");
    }
  }

  private FineTuneConfig config() throws MojoExecutionException {
    try {
      FineTuneConfig.Builder builder = FineTuneConfig.builder(path(baseCheckpoint), path(imageFolder))
          .seed(seed).force(force);
      if (epochs != null) {
        builder.epochs(epochs);
      }
      if (learningRate != null) {
        builder.learningRate(learningRate);
      }
      if (freezeFeatures != null) {
        builder.freezeFeatures(freezeFeatures);
      }
      if (replayFraction != null) {
        builder.replayFraction(replayFraction);
      }
      if (augment != null) {
        builder.augment(augment);
      }
      return builder.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw error(null, e);
    }
  }
}
