package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.trainer.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mnist-kit recognize}: the single digit in each image, like the {@code mnist:recognize}
 * goal.
 */
@Command(
    name = "recognize",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Recognises the single digit in each image and prints 'file -> digit (confidence)', with"
          + " 'not sure' under the model's confidence threshold; 'not a digit' for ink the model"
          + " refuses, 'no digit' for a blank image. Files that cannot be read are reported on"
          + " stderr; the others are still answered, and the exit code is then 1."
    })
final class RecognizeCommand extends ImageCommand<Recognition> {
  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(
        names = "--csv",
        description =
            "Print 'file,digit,confidence,verdict' rows instead (verdict DIGIT, UNSURE,"
                + " NOT_A_DIGIT or BLANK; digit empty and confidence 0 for the last two; readable"
                + " files only).")
    boolean csv;

    @Option(
        names = "--json",
        description =
            "Print a JSON array instead: file, digit, verdict, confidence, the ten"
                + " probabilities, the not-a-digit probability, the digit's box, or the error.")
    boolean json;
  }

  @Option(
      names = "--csv-file",
      paramLabel = "FILE",
      description = "Also write the CSV rows to this file (the mnist:recognize goal's csvFile).")
  Path csvFile;

  @Override
  Recognition answer(DigitRecognizer recognizer, Path file) {
    return recognizer.recognize(file);
  }

  @Override
  boolean streaming() {
    return !format.csv && !format.json;
  }

  @Override
  String line(Recognition result) {
    return result.toString();
  }

  @Override
  void print(List<Answer<Recognition>> answers, Path base, PrintWriter out) {
    if (format.csv) {
      out.print(csv(answers, base));
    } else if (format.json) {
      List<Map<String, Object>> json = new ArrayList<>();
      for (Answer<Recognition> answer : answers) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", ImageInputs.display(answer.file(), base));
        if (answer.ok()) {
          entry.putAll(Json.recognition(answer.result(), false));
        } else {
          entry.put("error", answer.error());
        }
        json.add(entry);
      }
      out.println(Json.PRETTY.toJson(json));
    }
    if (csvFile != null) {
      AtomicFiles.writeString(csvFile.toAbsolutePath(), csv(answers, base));
      spec.commandLine().getErr().println("Wrote " + csvFile.toAbsolutePath());
    }
  }

  private static String csv(List<Answer<Recognition>> answers, Path base) {
    StringBuilder csv = new StringBuilder("file,digit,confidence,verdict\n");
    for (Answer<Recognition> answer : answers) {
      if (answer.ok()) {
        Recognition r = answer.result();
        csv.append(csvField(ImageInputs.display(answer.file(), base)))
            .append(',')
            .append(r.hasDigit() ? Integer.toString(r.digit()) : "")
            .append(',')
            .append(String.format(Locale.ROOT, "%.4f", r.confidence()))
            .append(',')
            .append(r.verdict().name())
            .append('\n');
      }
    }
    return csv.toString();
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }
}
