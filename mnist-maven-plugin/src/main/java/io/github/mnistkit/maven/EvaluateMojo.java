package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.ModelEvaluator;
import io.github.mnistkit.trainer.eval.QualityGate;
import io.github.mnistkit.trainer.report.EvaluationReport;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Measures a model: accuracy, per-digit precision and recall, and the confusion matrix, on the test
 * set of {@link #dataset} or on every image of {@link #imageFolder}; writes {@code evaluation.json}.
 * With {@link #minAccuracy} set it is a quality gate: a model below the bar fails the build.
 *
 * <p>Bound by default to {@code verify}, after the model was trained and packaged and before it is
 * installed or deployed.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class EvaluateMojo extends MnistMojo {
  /** The ONNX model to measure. */
  @Parameter(property = "mnist.model", defaultValue = "${project.build.directory}/mnist/model.onnx")
  File model;

  /** {@code mnist} or {@code fashion-mnist} (their test sets), or a folder of {@code 0/ … 9/} images. */
  @Parameter(property = "mnist.dataset", defaultValue = "mnist")
  String dataset;

  /** Folder with the four IDX files; default: the per-user cache, downloading the files if needed. */
  @Parameter(property = "mnist.dataDirectory")
  File dataDirectory;

  /** A folder with sub-folders {@code 0/ … 9/} of images to measure on instead of {@link #dataset}. */
  @Parameter(property = "mnist.imageFolder")
  File imageFolder;

  /** The bar, as a fraction in [0, 1] (0.98 = 98%); below it the build fails. Unset: no gate. */
  @Parameter(property = "mnist.minAccuracy")
  Double minAccuracy;

  /** Where the results go (default: {@code evaluation.json} beside the model). */
  @Parameter(property = "mnist.evaluationFile")
  File evaluationFile;

  /** Skip the goal (also skips {@code mnist:train} and {@code mnist:finetune}). */
  @Parameter(property = "mnist.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping mnist:evaluate (mnist.skip=true)");
      return;
    }
    QualityGate gate;
    DatasetSpec data;
    try {
      gate = minAccuracy == null ? null : new QualityGate(minAccuracy);
    } catch (IllegalArgumentException e) {
      throw error(null, e);
    }
    try {
      data = imageFolder != null ? DatasetSpec.folder(path(imageFolder))
          : DatasetSpec.parse(dataset, basePath(), path(dataDirectory));
    } catch (IllegalArgumentException e) {
      throw error("dataset", e);
    }
    Evaluation evaluation;
    try (DigitRecognizer recognizer = open()) {
      getLog().info("Evaluating " + recognizer.modelInfo() + " on " + data);
      evaluation = ModelEvaluator.onDataset(recognizer, data, DataSources.defaults(getLog()::info));
    } catch (RuntimeException e) {
      throw error(imageFolder != null ? "imageFolder" : null, e);
    }
    getLog().info(evaluation.toTable().stripTrailing());
    Path report = evaluationFile != null ? path(evaluationFile)
        : path(model).resolveSibling(EvaluationReport.FILE);
    try {
      EvaluationReport.write(report, evaluation, gate);
    } catch (RuntimeException e) {
      throw error("evaluationFile", e);
    }
    getLog().info("Wrote " + report);
    if (gate != null) {
      Optional<String> failure = gate.failure(evaluation);
      if (failure.isPresent()) {
        throw new MojoFailureException(failure.get() + " Improve the model (more epochs or data, augment)"
            + " or lower minAccuracy. Details: " + report);
      }
      getLog().info(String.format("Quality gate passed: %.2f%% >= %.2f%%", 100 * evaluation.accuracy(),
          100 * gate.minAccuracy()));
    }
  }

  private DigitRecognizer open() throws MojoExecutionException {
    try {
      return DigitRecognizer.builder().model(path(model)).build();
    } catch (RuntimeException e) {
      throw error("model", e);
    }
  }
}
