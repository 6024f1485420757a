package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.ModelEvaluator;
import io.github.mnistkit.trainer.eval.QualityGate;
import io.github.mnistkit.trainer.io.OutputFolder;
import io.github.mnistkit.trainer.report.EvaluationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mnist-kit evaluate}: the {@code mnist:evaluate} goal, with a quality gate as exit code.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures a model: accuracy, per-digit precision and recall, and the confusion matrix, on the test"
          + " set of --dataset or on every image of --image-folder; writes evaluation.json and"
          + " evaluation.html.",
      "With --min-accuracy it is a quality gate: below the bar the exit code is 1."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "The ONNX model. Default: ${DEFAULT-VALUE}.")
  Path model;

  @Option(
      names = "--dataset",
      paramLabel = "NAME|FOLDER",
      description =
          "mnist or fashion-mnist (their test sets), or a 0/ ... 9/ folder (all its images)."
              + " Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(
      names = {"--data-directory", "--data"},
      paramLabel = "FOLDER",
      description =
          "Folder with the IDX files. Default: the per-user cache, downloading the files once.")
  Path dataDirectory;

  @Option(
      names = "--image-folder",
      paramLabel = "FOLDER",
      description = "A 0/ ... 9/ folder to measure on instead of --dataset.")
  Path imageFolder;

  @Option(
      names = "--min-accuracy",
      paramLabel = "F",
      description =
          "The bar, a fraction in [0, 1] (0.98 = 98%%); below it the exit code is 1. Default: no gate.")
  Double minAccuracy;

  @Option(
      names = "--evaluation-file",
      paramLabel = "FILE",
      description = "Where the results go. Default: evaluation.json beside the model.")
  Path evaluationFile;

  @Override
  public Integer call() {
    QualityGate gate =
        minAccuracy == null ? null : Usage.check(spec, () -> new QualityGate(minAccuracy));
    DatasetSpec data =
        Usage.check(
            spec,
            () ->
                imageFolder != null
                    ? DatasetSpec.folder(imageFolder)
                    : DatasetSpec.parse(
                        dataset,
                        Path.of("").toAbsolutePath(),
                        dataDirectory == null ? null : dataDirectory.toAbsolutePath()));
    PrintWriter out = spec.commandLine().getOut();
    Path modelFile = model.toAbsolutePath().normalize();
    OutputFolder.of(modelFile.getParent()).requireConsistent(modelFile.getFileName().toString());
    Evaluation evaluation;
    try (DigitRecognizer recognizer = DigitRecognizer.builder().model(modelFile).build()) {
      out.println("Evaluating " + recognizer.modelInfo() + " on " + data);
      out.flush();
      evaluation = ModelEvaluator.onDataset(recognizer, data, DataSources.defaults(out::println));
    }
    out.print(evaluation.toTable());
    Path report =
        evaluationFile != null
            ? evaluationFile.toAbsolutePath()
            : modelFile.resolveSibling(EvaluationReport.FILE);
    EvaluationReport.write(report, evaluation, gate);
    out.println("Wrote " + report);
    out.flush();
    if (gate == null) {
      return MnistKit.OK;
    }
    Optional<String> failure = gate.failure(evaluation);
    if (failure.isPresent()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "Quality gate failed: "
              + failure.get()
              + " Improve the model (more epochs or data,"
              + " --augment) or lower --min-accuracy. Details: "
              + report);
      err.flush();
      return MnistKit.FAILED;
    }
    out.printf(
        Locale.ROOT,
        "Quality gate passed: %.2f%% >= %.2f%%%n",
        100 * evaluation.accuracy(),
        100 * gate.minAccuracy());
    out.flush();
    return MnistKit.OK;
  }
}
