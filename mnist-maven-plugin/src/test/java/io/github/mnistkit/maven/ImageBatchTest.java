package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.github.mnistkit.sdk.DigitRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ImageBatchTest {
  @Rule public TemporaryFolder temporary = new TemporaryFolder();
  private Path dir;

  @Before
  public void setUp() {
    dir = temporary.getRoot().toPath();
  }

  @Test
  public void collectsFilesAndFoldersRecursivelyWithoutHiddenOnes() throws Exception {
    Path single = Files.writeString(dir.resolve("one.png"), "x");
    Files.createDirectories(dir.resolve("folder/deeper"));
    Files.createDirectories(dir.resolve("folder/.cache"));
    Path b = Files.writeString(dir.resolve("folder/b.png"), "x");
    Path a = Files.writeString(dir.resolve("folder/deeper/a.jpg"), "x");
    Files.writeString(dir.resolve("folder/.hidden.png"), "x");
    Files.writeString(dir.resolve("folder/.cache/c.png"), "x");

    assertEquals(List.of(single, b, a), ImageBatch.collect(List.of(single, dir.resolve("folder"))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageBatch.collect(List.of(dir.resolve("missing.png"))));
    assertEquals(
        dir.resolve("missing.png") + " does not exist; give image files or folders.",
        e.getMessage());
  }

  @Test
  public void theCsvEndsWithTheVerdictThatSaysWhyADigitIsMissing() throws Exception {
    Path bar = Files.write(dir.resolve("bar.png"), RefusingModel.png("bar"));
    Path ring = Files.write(dir.resolve("ring.png"), RefusingModel.png("ring"));
    Path blank = Files.write(dir.resolve("blank.png"), RefusingModel.png("blank"));
    Path broken = Files.writeString(dir.resolve("broken.png"), "not an image");
    List<Path> files = List.of(bar, ring, blank, broken);
    byte[] model = RefusingModel.bytes(0.3);
    try (DigitRecognizer lenient = DigitRecognizer.builder().model(model, "m.onnx").build();
        DigitRecognizer strict =
            DigitRecognizer.builder().model(model, "m.onnx").confidenceThreshold(0.9).build()) {
      List<ImageBatch.Result> results =
          new java.util.ArrayList<>(ImageBatch.recognize(lenient, files, r -> {}));
      results.add(new ImageBatch.Result(ring, strict.recognize(ring), null));
      Path csv = dir.resolve("answers.csv");
      ImageBatch.writeCsv(csv, results, dir);
      assertEquals(
          List.of(
              "file,digit,confidence,verdict",
              "bar.png,,0.0000,NOT_A_DIGIT",
              "ring.png,3,0.4509,DIGIT",
              "blank.png,,0.0000,BLANK",
              "ring.png,3,0.4509,UNSURE"),
          Files.readAllLines(csv));
    }
  }

  @Test
  public void displaysPathsRelativeToTheBaseWhenUnderIt() {
    assertEquals("folder/a.png", ImageBatch.display(dir.resolve("folder/a.png"), dir));
    assertEquals(
        Path.of("/elsewhere/a.png").toString(),
        ImageBatch.display(Path.of("/elsewhere/a.png"), dir));
  }
}
