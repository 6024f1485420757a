package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidImageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code recognize} and {@code read-number} share: image arguments, a model, one answer per
 * file, and exit code 1 when any file could not be read (the others are still answered).
 */
abstract class ImageCommand<T> implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "IMAGE",
      arity = "1..*",
      description =
          "Image files, folders (every non-hidden file below them) or quoted glob patterns such"
              + " as 'scans/*.png' or 'photos/**.jpg'.")
  List<String> images;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "An ONNX model file. Default: the model bundled in the SDK.")
  Path model;

  /** A file's answer, or why it could not be read. */
  record Answer<T>(Path file, T result, String error) {
    boolean ok() {
      return error == null;
    }
  }

  abstract T answer(DigitRecognizer recognizer, Path file);

  /** Prints the answers in the chosen format; unreadable files were already reported on stderr. */
  abstract void print(List<Answer<T>> answers, Path base, PrintWriter out);

  /** Whether answers are printed as they come (a human-readable line each) or all at the end. */
  abstract boolean streaming();

  abstract String line(T result);

  @Override
  public Integer call() {
    Path base = Path.of("").toAbsolutePath();
    List<Path> files = ImageInputs.collect(images, base);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Answer<T>> answers = new ArrayList<>(files.size());
    try (DigitRecognizer recognizer = open(model)) {
      for (Path file : files) {
        Answer<T> answer;
        try {
          answer = new Answer<>(file, answer(recognizer, file), null);
        } catch (InvalidImageException e) {
          answer = new Answer<>(file, null, e.getMessage());
          err.println(ImageInputs.display(file, base) + ": " + e.getMessage());
          err.flush();
        }
        answers.add(answer);
        if (streaming() && answer.ok()) {
          out.println(ImageInputs.display(file, base) + " -> " + line(answer.result()));
          out.flush();
        }
      }
    }
    print(answers, base, out);
    out.flush();
    long unreadable = answers.stream().filter(a -> !a.ok()).count();
    if (unreadable > 0) {
      err.println(unreadable + " of " + answers.size() + " file(s) could not be read.");
      err.flush();
      return MnistKit.FAILED;
    }
    return MnistKit.OK;
  }

  static DigitRecognizer open(Path model) {
    return settings(model).build();
  }

  /** A recognizer builder for {@code model}, or for the bundled default model when it is null. */
  static DigitRecognizer.Builder settings(Path model) {
    DigitRecognizer.Builder builder = DigitRecognizer.builder();
    return model == null ? builder : builder.model(model.toAbsolutePath());
  }
}
