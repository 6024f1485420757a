package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.DigitSequence;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mnist-kit read-number}: a row of digits (an amount, a meter reading) in each image. */
@Command(
    name = "read-number",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads a row of digits, left to right, in each image and prints 'file -> digits (lowest"
          + " confidence)', or 'no digits' for a blank image. Unreadable files: as for recognize."
    })
final class ReadNumberCommand extends ImageCommand<DigitSequence> {
  @Option(
      names = "--json",
      description =
          "Print a JSON array instead: file, text, the lowest confidence and"
              + " each digit with its confidence, probabilities and box, or the error.")
  boolean json;

  @Override
  DigitSequence answer(DigitRecognizer recognizer, Path file) {
    return recognizer.readNumber(file);
  }

  @Override
  boolean streaming() {
    return !json;
  }

  @Override
  String line(DigitSequence result) {
    return result.isEmpty()
        ? "no digits"
        : String.format(
            Locale.ROOT,
            "%s (lowest confidence %.1f%%)",
            result.text(),
            100 * result.minConfidence());
  }

  @Override
  void print(List<Answer<DigitSequence>> answers, Path base, PrintWriter out) {
    if (!json) {
      return;
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Answer<DigitSequence> answer : answers) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", ImageInputs.display(answer.file(), base));
      if (answer.ok()) {
        entry.putAll(Json.sequence(answer.result(), false));
      } else {
        entry.put("error", answer.error());
      }
      entries.add(entry);
    }
    out.println(Json.PRETTY.toJson(entries));
  }
}
