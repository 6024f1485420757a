package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.mnistkit.maven.MojoTests.CapturingLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.testing.MojoRule;
import org.junit.Rule;
import org.junit.Test;

public class RecognizeMojoTest {
  @Rule public MojoRule rule = new MojoRule();
  private final CapturingLog log = new CapturingLog();

  /**
   * The POM asks for digits/3.png and the folder digits/more (with a broken file and a nested
   * folder).
   */
  private RecognizeMojo mojo() throws Exception {
    RecognizeMojo mojo =
        MojoTests.mojo(rule, MojoTests.project(rule, "recognize"), "recognize", log);
    Path digits = mojo.basedir.toPath().resolve("digits");
    MojoTests.deleteRecursively(digits);
    MojoTests.writePng(0, digits.resolve("3.png"));
    MojoTests.writePng(1, digits.resolve("more/a.png"));
    MojoTests.writePng(2, digits.resolve("more/deeper/b.png"));
    Files.writeString(digits.resolve("more/broken.png"), "not an image");
    mojo.model = MojoTests.model().toFile();
    return mojo;
  }

  @Test
  public void logsEachFileWarnsOnBadOnesAndWritesCsv() throws Exception {
    RecognizeMojo mojo = mojo();
    assertEquals(
        List.of("digits/3.png", "digits/more"), mojo.images.stream().map(String::trim).toList());
    mojo.execute();

    List<String> answers = log.info.stream().filter(l -> l.contains(" → ")).toList();
    assertEquals(log.all(), 3, answers.size());
    assertTrue(answers.get(0), answers.get(0).matches("digits/3\\.png → \\d \\(\\d+\\.\\d%\\)"));
    assertTrue(answers.get(2), answers.get(2).startsWith("digits/more/deeper/b.png → "));
    assertEquals(log.all(), 2, log.warnings.size());
    assertTrue(log.warnings.get(0), log.warnings.get(0).startsWith("digits/more/broken.png: "));
    assertEquals("1 of 4 file(s) could not be read.", log.warnings.get(1));

    List<String> csv = Files.readAllLines(mojo.csvFile.toPath());
    assertEquals("file,digit,confidence,verdict", csv.get(0));
    assertEquals(4, csv.size());
    assertTrue(csv.get(1), csv.get(1).matches("digits/3\\.png,\\d,\\d\\.\\d{4},(DIGIT|UNSURE)"));
  }

  @Test
  public void failsWhenNothingCouldBeRead() throws Exception {
    RecognizeMojo mojo = mojo();
    mojo.images = List.of("digits/more/broken.png");
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals(
        "None of the 1 file(s) could be read as an image; see the warnings above.", e.getMessage());
  }

  @Test
  public void missingImagesAndModel() throws Exception {
    RecognizeMojo mojo = mojo();
    mojo.images = List.of("digits/3.png", "nope.png");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "images: "
            + new File(mojo.basedir, "nope.png")
            + " does not exist; give image files or folders.",
        e.getMessage());

    mojo.images = List.of("digits");
    mojo.model = new File(mojo.basedir, "missing.onnx");
    e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(
        e.getMessage(),
        e.getMessage().startsWith("model: Model file " + mojo.model + " does not exist."));
  }

  @Test
  public void usesTheBundledModelByDefault() throws Exception {
    RecognizeMojo mojo = mojo();
    mojo.model = null;
    mojo.execute();
    assertTrue(log.all(), log.info.stream().anyMatch(l -> l.contains("bundled default model")));
  }
}
