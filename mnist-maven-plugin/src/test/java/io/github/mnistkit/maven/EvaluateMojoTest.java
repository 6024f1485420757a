package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.mnistkit.maven.MojoTests.CapturingLog;
import io.github.mnistkit.trainer.io.OutputFolder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.testing.MojoRule;
import org.junit.Rule;
import org.junit.Test;

public class EvaluateMojoTest {
  @Rule public MojoRule rule = new MojoRule();
  private final CapturingLog log = new CapturingLog();

  private EvaluateMojo mojo() throws Exception {
    EvaluateMojo mojo = MojoTests.mojo(rule, MojoTests.project(rule, "evaluate"), "evaluate", log);
    assertEquals(new File(mojo.basedir, "target/mnist/model.onnx"), mojo.model);
    assertEquals("0.5", mojo.minAccuracy);
    Path model = mojo.basedir.toPath().resolve("target/mnist/model.onnx");
    Files.createDirectories(model.getParent());
    Files.copy(MojoTests.model(), model);
    return mojo;
  }

  @Test
  public void passingGateLogsTheTableAndWritesJson() throws Exception {
    EvaluateMojo mojo = mojo();
    mojo.execute();
    assertTrue(
        log.all(),
        log.info.stream()
            .anyMatch(
                l ->
                    l.startsWith("Accuracy ")
                        && l.contains("of 2000)")
                        && l.contains("confusion (rows: true digit")));
    assertTrue(log.all(), log.info.stream().anyMatch(l -> l.startsWith("Quality gate passed: ")));
    String json = Files.readString(mojo.basedir.toPath().resolve("target/mnist/evaluation.json"));
    assertTrue(json, json.contains("\"passed\": true"));
  }

  @Test
  public void failingGateGivesAccuracyBarAndWeakestDigits() throws Exception {
    EvaluateMojo mojo = mojo();
    mojo.minAccuracy = "0.995";
    mojo.evaluationFile = new File(mojo.basedir, "target/gate/evaluation.json");
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    System.out.println("Gate failure message: " + e.getMessage());
    assertTrue(
        e.getMessage(),
        Pattern.compile(
                "Accuracy \\d+\\.\\d\\d% \\(\\d+ of 2000\\) of .*model\\.onnx on mnist"
                    + " test set is below the required 99\\.50%\\. Weakest digits: \\d \\(recall \\d+\\.\\d\\d%\\), \\d \\(recall"
                    + " \\d+\\.\\d\\d%\\), \\d \\(recall \\d+\\.\\d\\d%\\)\\. Improve the model \\(more epochs or data, augment\\) or"
                    + " lower minAccuracy\\. Details: .*evaluation\\.json")
            .matcher(e.getMessage())
            .matches());
    assertTrue(Files.readString(mojo.evaluationFile.toPath()).contains("\"passed\": false"));
  }

  @Test
  public void barMustBeAFraction() throws Exception {
    EvaluateMojo mojo = mojo();
    mojo.minAccuracy = "98";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "minAccuracy must be a fraction between 0 and 1, such as 0.98 for 98% (was 98.0).",
        e.getMessage());
    mojo.minAccuracy = "98%";
    e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("minAccuracy: '98%' is not a fraction between 0 and 1.", e.getMessage());
  }

  @Test
  public void aModelPublishedWithFilesOfAnotherRunIsRefused() throws Exception {
    EvaluateMojo mojo = mojo();
    OutputFolder folder = OutputFolder.of(mojo.model.toPath().getParent());
    try (OutputFolder.Staging staging = folder.stage()) {
      Files.copy(mojo.model.toPath(), staging.directory().resolve("model.onnx"));
      Files.writeString(
          staging.directory().resolve("checkpoint.params"), "weights of the same run");
      staging.publish();
    }
    Files.writeString(folder.resolve("checkpoint.params"), "weights a killed run left");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith(
                "The files in "
                    + folder.directory()
                    + " do not belong"
                    + " together: checkpoint.params is not the file that run wrote (sha256 differs)"));
    assertTrue(
        e.getMessage(), e.getMessage().endsWith("With Maven: mvn mnist:train -Dmnist.force=true."));
  }

  @Test
  public void unreadableOrMissingModel() throws Exception {
    EvaluateMojo mojo = mojo();
    Files.writeString(mojo.model.toPath(), "not a model");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(
        e.getMessage(),
        e.getMessage().startsWith("model: ") && e.getMessage().contains(mojo.model.getPath()));

    mojo.model = new File(mojo.basedir, "target/none/model.onnx");
    e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "model: Model file "
            + mojo.model
            + " does not exist. Train one with mnist:train (it writes"
            + " target/mnist/model.onnx) or use DigitRecognizer.createDefault().",
        e.getMessage());
  }

  @Test
  public void missingDataFolder() throws Exception {
    EvaluateMojo mojo = mojo();
    mojo.dataDirectory = new File(mojo.basedir, "nowhere");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith(
                "dataDirectory: Data directory " + mojo.dataDirectory + " does not exist."));
  }

  @Test
  public void measuresOnAnImageFolder() throws Exception {
    EvaluateMojo mojo = mojo();
    Path folder = mojo.basedir.toPath().resolve("target/digits");
    for (int i = 0; i < 30; i++) {
      MojoTests.writePng(i, folder.resolve(MojoTests.fixture().test().label(i) + "/" + i + ".png"));
    }
    mojo.imageFolder = folder.toFile();
    mojo.minAccuracy = "0";
    mojo.execute();
    assertTrue(
        log.all(), log.info.stream().anyMatch(l -> l.contains("(") && l.contains(" of 30) of ")));

    mojo.imageFolder = new File(mojo.basedir, "target/no-digits");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getMessage(), e.getMessage().startsWith("imageFolder: Image folder "));
  }
}
