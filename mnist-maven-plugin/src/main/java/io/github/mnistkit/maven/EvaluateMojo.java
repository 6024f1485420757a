package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.ModelEvaluator;
import io.github.mnistkit.trainer.eval.QualityGate;
import io.github.mnistkit.trainer.io.OutputFolder;
import io.github.mnistkit.trainer.report.EvaluationReport;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Measures a model: accuracy, per-digit precision and recall, and the confusion matrix, on the test
 * set of {@link #dataset} or on every image of {@link #imageFolder}; writes {@code
 * evaluation.json}. With {@link #minAccuracy} set it is a quality gate: a model below the bar fails
 * the build. A model that does not match its folder's manifest (files of different runs) is
 * refused. Bound to {@code verify}, after the model was trained and packaged and before it is
 * installed or deployed.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class EvaluateMojo extends MnistMojo {
  /** The ONNX model to measure. */
  @Parameter(property = "mnist.model", defaultValue = "${project.build.directory}/mnist/model.onnx")
  File model;

  /**
   * {@code mnist} or {@code fashion-mnist} (their test sets), or a folder of {@code 0/ … 9/}
   * images.
   */
  @Parameter(property = "mnist.dataset")
  String dataset;

  /**
   * A folder with sub-folders {@code 0/ … 9/} of images to measure on instead of {@link #dataset}.
   */
  @Parameter(property = "mnist.imageFolder")
  File imageFolder;

  /** The bar, a fraction in [0, 1] (0.98 = 98%); below it the build fails. Unset: no gate. */
  @Parameter(property = "mnist.minAccuracy")
  String minAccuracy;

  /** Where the results go (default: {@code evaluation.json} beside the model). */
  @Parameter(property = "mnist.evaluationFile")
  File evaluationFile;

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    Double bar = value("minAccuracy", minAccuracy, Double::valueOf, "a fraction between 0 and 1");
    QualityGate gate = bar == null ? null : checked(null, () -> new QualityGate(bar));
    DatasetSpec data =
        imageFolder != null
            ? DatasetSpec.folder(path(imageFolder))
            : checked("dataset", () -> DatasetSpec.parse(dataset, basePath(), path(dataDirectory)));
    Path modelFile = path(model);
    OutputFolder.of(modelFile.getParent()).requireConsistent(modelFile.getFileName().toString());
    Evaluation evaluation;
    try (DigitRecognizer recognizer = openRecognizer(model)) {
      getLog().info("Evaluating " + recognizer.modelInfo() + " on " + data);
      evaluation = ModelEvaluator.onDataset(recognizer, data, DataSources.defaults(getLog()::info));
    } catch (RuntimeException e) {
      if (imageFolder == null) {
        throw e;
      }
      throw error("imageFolder", e);
    }
    getLog().info(evaluation.toTable().stripTrailing());
    Path report =
        evaluationFile != null
            ? path(evaluationFile)
            : modelFile.resolveSibling(EvaluationReport.FILE);
    try {
      EvaluationReport.write(report, evaluation, gate);
    } catch (UncheckedIOException e) {
      throw error("evaluationFile", e);
    }
    getLog().info("Wrote " + report);
    if (gate != null) {
      String failure = gate.failure(evaluation).orElse(null);
      if (failure != null) {
        throw new MojoFailureException(
            failure
                + " Improve the model (more epochs or data, augment)"
                + " or lower minAccuracy. Details: "
                + report);
      }
      getLog()
          .info(
              String.format(
                  Locale.ROOT,
                  "Quality gate passed: %.2f%% >= %.2f%%",
                  100 * evaluation.accuracy(),
                  100 * gate.minAccuracy()));
    }
  }
}
