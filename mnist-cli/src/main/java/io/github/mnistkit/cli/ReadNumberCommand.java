package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.Recognition;
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
          + " confidence)'. A digit under the model's confidence threshold is followed by '?' and"
          + " the line ends with 'not sure'; pieces of ink the model judged not digits are left out"
          + " and counted; 'no digits' when there is none. Unreadable files: as for recognize."
    })
final class ReadNumberCommand extends ImageCommand<DigitSequence> {
  @Option(
      names = "--json",
      description =
          "Print a JSON array instead: file, text, the lowest confidence, whether the row is"
              + " sure, each digit with its verdict, confidence, probabilities and box, and the"
              + " refused pieces (not digits) in the same shape; or the error.")
  boolean json;

  @Override
  DigitSequence answer(DigitRecognizer recognizer, Path file) {
    return recognizer.readNumber(file);
  }

  @Override
  boolean streaming() {
    return !json;
  }

  /**
   * E.g. {@code 40721 (lowest confidence 98.2%)}, {@code 4?0721 (lowest confidence 41.0%, not
   * sure)}, {@code 407 (lowest confidence 97.0%, 1 piece not a digit)} or {@code no digits (2
   * pieces not digits)}.
   */
  @Override
  String line(DigitSequence result) {
    String refused = refused(result.refused().size());
    if (result.isEmpty()) {
      return refused.isEmpty() ? "no digits" : "no digits (" + refused + ")";
    }
    StringBuilder digits = new StringBuilder();
    for (Recognition digit : result.digits()) {
      digits.append(digit.digit()).append(digit.isSure() ? "" : "?");
    }
    boolean unsureDigit = result.digits().stream().anyMatch(r -> !r.isSure());
    return String.format(
        Locale.ROOT,
        "%s (lowest confidence %.1f%%%s%s)",
        digits,
        100 * result.minConfidence(),
        unsureDigit ? ", not sure" : "",
        refused.isEmpty() ? "" : ", " + refused);
  }

  private static String refused(int pieces) {
    return switch (pieces) {
      case 0 -> "";
      case 1 -> "1 piece not a digit";
      default -> pieces + " pieces not digits";
    };
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
