package io.github.mnistkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.mnistkit.sdk.testing.RefusingModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recognize} and {@code read-number} on real MNIST test digits saved as PNG files. */
class RecognizeCommandTest {
  static final int COUNT = 20;
  @TempDir static Path dir;
  static Path folder;
  static List<Path> files;

  @BeforeAll
  static void writeDigits() throws Exception {
    folder = dir.resolve("digits");
    files = Digits.writeFolder(folder, COUNT);
  }

  @Test
  void recognizesEveryDigitInAFolder() {
    Run run = Run.of("recognize", folder.toString());
    assertEquals(0, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals(COUNT, lines.size(), run.out());
    for (int i = 0; i < COUNT; i++) {
      String expected = files.get(i).toString() + " -> " + Digits.label(i) + " (";
      assertTrue(
          lines.get(i).startsWith(expected), lines.get(i) + " should start with " + expected);
    }
  }

  @Test
  void anUnreadableFileIsReportedAndMakesTheExitCodeOneWhileTheOthersAreAnswered()
      throws Exception {
    Path mixed = dir.resolve("mixed");
    Digits.writeFolder(mixed, 3);
    Files.write(mixed.resolve("notes.png"), "not an image".getBytes());
    Run run = Run.of("recognize", mixed.toString());
    assertEquals(MnistKit.FAILED, run.exitCode(), run.toString());
    assertEquals(3, run.out().lines().count(), run.out());
    assertTrue(run.err().contains("notes.png: "), run.err());
    assertTrue(run.err().contains("1 of 4 file(s) could not be read."), run.err());
  }

  @Test
  void globPatternsSelectFiles() {
    Run run = Run.of("recognize", folder + "/*-7.png");
    assertEquals(0, run.exitCode(), run.toString());
    long sevens =
        java.util.stream.IntStream.range(0, COUNT).filter(i -> Digits.label(i) == 7).count();
    assertEquals(sevens, run.out().lines().count(), run.out());
    assertTrue(run.out().lines().allMatch(line -> line.contains(" -> 7 (")), run.out());
    Run none = Run.of("recognize", folder + "/*.jpeg");
    assertEquals(MnistKit.FAILED, none.exitCode(), none.toString());
    assertTrue(none.err().contains("No file matches the pattern"), none.err());
  }

  @Test
  void jsonOutputHasTheDigitConfidenceAndAllProbabilities() {
    Run run = Run.of("recognize", "--json", files.get(0).toString(), files.get(1).toString());
    assertEquals(0, run.exitCode(), run.toString());
    JsonArray answers = JsonParser.parseString(run.out()).getAsJsonArray();
    assertEquals(2, answers.size());
    JsonObject first = answers.get(0).getAsJsonObject();
    assertEquals(Digits.label(0), first.get("digit").getAsInt());
    assertEquals(10, first.getAsJsonArray("probabilities").size());
    assertTrue(first.get("confidence").getAsDouble() > 0.5);
    assertTrue(first.getAsJsonObject("box").get("width").getAsInt() > 0);
  }

  @Test
  void csvOutputAndCsvFile() throws Exception {
    Path csv = dir.resolve("answers.csv");
    Run run = Run.of("recognize", "--csv", "--csv-file", csv.toString(), files.get(2).toString());
    assertEquals(0, run.exitCode(), run.toString());
    String expected =
        "file,digit,confidence,verdict\n" + files.get(2) + "," + Digits.label(2) + ",";
    assertTrue(run.out().startsWith(expected), run.out());
    assertTrue(run.out().matches("(?s).*,\\d\\.\\d{4},(DIGIT|UNSURE)\n"), run.out());
    assertEquals(run.out(), Files.readString(csv));
  }

  @Test
  void csvSaysWhyADigitIsMissing() throws Exception {
    Path model = refusingModel(0.3);
    Path block = dir.resolve("block.png");
    Files.write(block, Digits.png(Digits.rowWithBars(-1)));
    Path blank = dir.resolve("blank.png");
    Files.write(blank, Digits.png(new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_BINARY)));
    Run run =
        Run.of(
            "recognize", "--csv", "--model", model.toString(), block.toString(), blank.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        "file,digit,confidence,verdict\n"
            + block
            + ",,0.0000,NOT_A_DIGIT\n"
            + blank
            + ",,0.0000,BLANK\n",
        run.out());
  }

  @Test
  void readNumberCountsPiecesThatAreNotDigitsAndMarksUnsureDigits() throws Exception {
    Path model = refusingModel(0.9);
    Path blocks = dir.resolve("blocks.png");
    Files.write(blocks, Digits.png(Digits.rowWithBars(-1, -1)));
    Path mixed = dir.resolve("mixed-row.png");
    Files.write(mixed, Digits.png(Digits.rowWithBars(RefusingModels.FIXTURE_ZERO, -1)));
    Run run =
        Run.of("read-number", "--model", model.toString(), blocks.toString(), mixed.toString());
    assertEquals(0, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals(blocks + " -> no digits (2 pieces not digits)", lines.get(0), run.out());
    assertTrue(
        lines
            .get(1)
            .matches(
                java.util.regex.Pattern.quote(
                        mixed + " -> " + RefusingModels.CENTRE_INK_DIGIT + "?")
                    + " \\(lowest confidence \\d+\\.\\d%, not sure, 1 piece not a digit\\)"),
        lines.get(1));
    Run json = Run.of("read-number", "--json", "--model", model.toString(), mixed.toString());
    JsonObject answer =
        JsonParser.parseString(json.out()).getAsJsonArray().get(0).getAsJsonObject();
    assertEquals(
        Integer.toString(RefusingModels.CENTRE_INK_DIGIT), answer.get("text").getAsString());
    assertFalse(answer.get("sure").getAsBoolean());
    JsonArray refused = answer.getAsJsonArray("refused");
    assertEquals(1, refused.size(), answer.toString());
    JsonObject piece = refused.get(0).getAsJsonObject();
    assertEquals("NOT_A_DIGIT", piece.get("verdict").getAsString());
    assertTrue(piece.get("digit").isJsonNull());
    assertTrue(piece.getAsJsonObject("box").get("x").getAsInt() > 56, piece.toString());
    assertEquals(
        "UNSURE",
        answer.getAsJsonArray("digits").get(0).getAsJsonObject().get("verdict").getAsString());
  }

  static Path refusingModel(double threshold) throws Exception {
    Path model = dir.resolve("refusing-" + threshold + ".onnx");
    Files.write(model, RefusingModels.byCentreInk(threshold));
    return model;
  }

  @Test
  void readNumberReadsARowOfDigits() throws Exception {
    Path amount = dir.resolve("amount.png");
    Files.write(amount, Digits.png(Digits.row(new int[] {0, 1, 2, 3}, 56, 20)));
    String text = "" + Digits.label(0) + Digits.label(1) + Digits.label(2) + Digits.label(3);
    Run run = Run.of("read-number", amount.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith(amount + " -> " + text + " (lowest confidence "), run.out());
    Run json = Run.of("read-number", "--json", amount.toString());
    JsonObject answer =
        JsonParser.parseString(json.out()).getAsJsonArray().get(0).getAsJsonObject();
    assertEquals(text, answer.get("text").getAsString());
    assertEquals(4, answer.getAsJsonArray("digits").size());
    assertEquals(
        0, answer.getAsJsonArray("refused").size(), "the bundled model refuses nothing here");
  }

  @Test
  void aPathThatDoesNotExistIsAFailure() {
    Run run = Run.of("recognize", dir.resolve("nothing-here").toString());
    assertEquals(MnistKit.FAILED, run.exitCode(), run.toString());
    assertTrue(run.err().contains("nothing-here does not exist"), run.err());
  }
}
