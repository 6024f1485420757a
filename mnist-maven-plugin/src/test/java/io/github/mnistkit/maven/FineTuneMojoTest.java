package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.mnistkit.maven.MojoTests.CapturingLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.testing.MojoRule;
import org.junit.Rule;
import org.junit.Test;

public class FineTuneMojoTest {
  @Rule public MojoRule rule = new MojoRule();
  private final CapturingLog log = new CapturingLog();

  /** 10 fixture test images per digit in target/digits; the shared small model as the base. */
  private FineTuneMojo mojo(CapturingLog log) throws Exception {
    FineTuneMojo mojo = MojoTests.mojo(rule, MojoTests.project(rule, "finetune"), "finetune", log);
    assertEquals(new File(mojo.basedir, "target/mnist/checkpoint.params"), mojo.baseCheckpoint);
    assertEquals(new File(mojo.basedir, "target/mnist-finetuned"), mojo.outputDirectory);
    int[] written = new int[10];
    for (int i = 0; i < 400; i++) {
      int digit = MojoTests.fixture().test().label(i);
      if (written[digit]++ < 10) {
        MojoTests.writePng(i, mojo.imageFolder.toPath().resolve(digit + "/" + i + ".png"));
      }
    }
    mojo.baseCheckpoint = MojoTests.model().resolveSibling("checkpoint.params").toFile();
    return mojo;
  }

  @Test
  public void finetunesThenSkipsWhileUpToDate() throws Exception {
    FineTuneMojo mojo = mojo(log);
    mojo.force = true; // written even if one epoch does not beat the base
    mojo.execute();
    Path out = mojo.outputDirectory.toPath();
    assertTrue(log.all(), Files.isRegularFile(out.resolve("model.onnx")));
    assertTrue(Files.isRegularFile(out.resolve("finetune.fingerprint")));
    assertTrue(
        log.all(),
        log.info.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "Wrote .*model\\.onnx: .* on all 100 images"
                            + " \\(5-fold cross-validation\\), \\d+ gained, \\d+ lost .*; MNIST test set .*")));

    CapturingLog second = new CapturingLog();
    FineTuneMojo again =
        MojoTests.mojo(rule, rule.readMavenProject(mojo.basedir), "finetune", second);
    again.baseCheckpoint = mojo.baseCheckpoint;
    again.execute();
    assertTrue(second.all(), second.info.stream().anyMatch(l -> l.contains("is up to date")));
  }

  @Test
  public void aResultThatIsNotBetterIsNotWritten() throws Exception {
    FineTuneMojo mojo =
        mojo(log); // one epoch on 100 fixture digits gains a couple of them: within noise
    mojo.execute();
    assertTrue(
        log.all(),
        log.warnings.stream()
            .anyMatch(
                w ->
                    w.startsWith(
                            "No fine-tuned model was written: it is"
                                + " not better than the base beyond noise (")
                        && w.endsWith("set mnist.finetune.force=true to write it anyway.")));
    assertTrue(!Files.exists(mojo.outputDirectory.toPath().resolve("finetune.fingerprint")));
  }

  @Test
  public void missingBaseCheckpointSaysToTrainFirst() throws Exception {
    FineTuneMojo mojo = mojo(log);
    mojo.baseCheckpoint = new File(mojo.basedir, "target/nothing/checkpoint.params");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "baseCheckpoint: Checkpoint "
            + mojo.baseCheckpoint
            + " does not exist. Train a model first:"
            + " training writes checkpoint.params beside model.onnx. Run mnist:train first, or point"
            + " -Dmnist.finetune.baseCheckpoint at its checkpoint.params.",
        e.getMessage());
  }

  @Test
  public void badSettingsAndFolder() throws Exception {
    FineTuneMojo mojo = mojo(log);
    mojo.replayFraction = "1.5";
    assertEquals(
        "replayFraction must be in [0, 1) (was 1.5)",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    mojo.replayFraction = null;
    mojo.epochs = "0";
    assertEquals(
        "epochs must be at least 1 (was 0)",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    mojo.epochs = "one";
    assertEquals(
        "epochs: 'one' is not a whole number, at least 1.",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    mojo.epochs = "1";
    mojo.imageFolder = new File(mojo.basedir, "target/none");
    assertTrue(
        assertThrows(MojoExecutionException.class, mojo::execute)
            .getMessage()
            .startsWith(
                "Image folder " + mojo.imageFolder + " does not exist or is not a folder."));
  }

  @Test
  public void anOutputDirectoryThatIsAFileSaysSo() throws Exception {
    FineTuneMojo mojo = mojo(log);
    Path file = Files.writeString(mojo.basedir.toPath().resolve("target/finetuned.txt"), "a file");
    mojo.outputDirectory = file.toFile();
    assertEquals(
        "outputDirectory: "
            + file
            + " is a file, not a folder. Point <outputDirectory> or"
            + " -Dmnist.finetune.outputDirectory at a folder (it is created if missing), or delete the file.",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
  }
}
