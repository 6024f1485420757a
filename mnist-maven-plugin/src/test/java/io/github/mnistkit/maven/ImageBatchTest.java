package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.testing.RefusingModels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
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
    Path bar = Files.write(dir.resolve("bar.png"), shapePng("bar"));
    Path ring = Files.write(dir.resolve("ring.png"), shapePng("ring"));
    Path blank = Files.write(dir.resolve("blank.png"), shapePng("blank"));
    Path broken = Files.writeString(dir.resolve("broken.png"), "not an image");
    List<Path> files = List.of(bar, ring, blank, broken);
    byte[] model = RefusingModels.byCentreInk(0.3);
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

  /**
   * A PNG of {@code shape} in dark ink on white paper, 80×80 px: "bar" (a solid bar, which {@link
   * RefusingModels#byCentreInk} refuses), "ring" (an empty-middled 0, which it reads as {@link
   * RefusingModels#CENTRE_INK_DIGIT}) or "blank".
   */
  private static byte[] shapePng(String shape) throws IOException {
    BufferedImage page = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 80, 80);
    g.setColor(Color.BLACK);
    if (shape.equals("bar")) {
      g.fillRect(30, 20, 20, 40);
    } else if (shape.equals("ring")) {
      g.setStroke(new BasicStroke(5));
      g.drawOval(24, 16, 32, 48);
    }
    g.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(page, "png", png);
    return png.toByteArray();
  }
}
