package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.mnistkit.maven.MojoTests.CapturingLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.testing.MojoRule;
import org.apache.maven.project.MavenProject;
import org.junit.Rule;
import org.junit.Test;

public class TrainMojoTest {
  @Rule public MojoRule rule = new MojoRule();
  private final CapturingLog log = new CapturingLog();

  private TrainMojo mojo() throws Exception {
    return MojoTests.mojo(rule, MojoTests.project(rule, "train"), "train", log);
  }

  @Test
  public void trainsOnTheFixtureThenSkipsWhileUpToDate() throws Exception {
    TrainMojo mojo = mojo();
    mojo.execute();
    Path out = mojo.outputDirectory.toPath();
    for (String name : new String[] {"model.onnx", "checkpoint.params", "report.json", "train.fingerprint"}) {
      assertTrue(name, Files.isRegularFile(out.resolve(name)));
    }
    assertTrue(log.all(), log.info.stream().anyMatch(l -> l.startsWith("Epoch 1/1 done in")));
    assertTrue(log.all(), log.info.stream().anyMatch(l -> l.startsWith("Trained cnn: test accuracy")));
    long modified = Files.getLastModifiedTime(out.resolve("model.onnx")).toMillis();

    CapturingLog second = new CapturingLog();
    TrainMojo again = MojoTests.mojo(rule, rule.readMavenProject(mojo.basedir), "train", second);
    long started = System.nanoTime();
    again.execute();
    assertTrue("skip should take seconds", System.nanoTime() - started < 5_000_000_000L);
    assertTrue(second.all(), second.info.stream().anyMatch(l -> l.contains("is up to date") && l.contains("mnist.force")));
    assertEquals(modified, Files.getLastModifiedTime(out.resolve("model.onnx")).toMillis());

    CapturingLog third = new CapturingLog();
    TrainMojo changed = MojoTests.mojo(rule, rule.readMavenProject(mojo.basedir), "train", third);
    changed.maxTrainImages = 300;
    changed.execute();
    assertTrue(third.all(), third.info.stream().anyMatch(
        l -> l.contains("(changed since the last run: parameter.max_train_images (500 → 300))")));
  }

  @Test
  public void defaultsAndUserProperties() throws Exception {
    MavenProject project = MojoTests.project(rule, "train-defaults");
    TrainMojo mojo = MojoTests.mojo(rule, project, "train", log);
    assertEquals("cnn", mojo.architecture);
    assertEquals(5, mojo.epochs);
    assertEquals(42, mojo.seed);
    assertEquals("mnist", mojo.dataset);
    assertEquals("cpu", mojo.device);
    assertEquals(0, mojo.maxTrainImages);
    assertNull(mojo.dataDirectory);
    assertNull(mojo.batchSize);
    assertFalse(mojo.force);
    assertEquals(new File(project.getBasedir(), "target/mnist"), mojo.outputDirectory);
    assertEquals("0.1.0-SNAPSHOT", mojo.pluginVersion);

    MavenSession session = rule.newMavenSession(project);
    session.getUserProperties().setProperty("mnist.epochs", "3");
    session.getUserProperties().setProperty("mnist.architecture", "resnet18");
    session.getUserProperties().setProperty("mnist.force", "true");
    session.getUserProperties().setProperty("mnist.dataDirectory", "data");
    MojoExecution execution = rule.newMojoExecution("train");
    TrainMojo fromProperties = (TrainMojo) rule.lookupConfiguredMojo(session, execution);
    assertEquals(3, fromProperties.epochs);
    assertEquals("resnet18", fromProperties.architecture);
    assertTrue(fromProperties.force);
    assertEquals(new File(project.getBasedir(), "data"), fromProperties.dataDirectory);
  }

  @Test
  public void unknownArchitectureListsTheChoices() throws Exception {
    TrainMojo mojo = mojo();
    mojo.architecture = "resnet50";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("architecture: Unknown architecture 'resnet50'. Choose one of: cnn, basic-cnn, resnet-small,"
        + " resnet18, resnet34.", e.getMessage());
  }

  @Test
  public void epochsMustBePositive() throws Exception {
    TrainMojo mojo = mojo();
    mojo.epochs = 0;
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("epochs must be at least 1 (was 0)", e.getMessage());
  }

  @Test
  public void unknownOptimizerAndDataset() throws Exception {
    TrainMojo mojo = mojo();
    mojo.optimizer = "lion";
    assertEquals("Unknown optimizer 'lion'. Choose one of: adam, adamw, sgd, adadelta.",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    mojo.optimizer = null;
    mojo.dataset = "emnist";
    assertEquals("dataset: Unknown dataset 'emnist'. Choose one of: mnist, fashion-mnist, or give a folder of"
        + " 0/…9/ images.", assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
  }

  @Test
  public void missingDataFolderSaysWhatToPointAt() throws Exception {
    TrainMojo mojo = mojo();
    mojo.dataDirectory = new File(mojo.basedir, "no-such-folder");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("Data directory " + mojo.dataDirectory + " does not exist. Point it at a folder holding the four"
        + " mnist IDX files, or leave it unset to use the cache or download them.", e.getMessage());

    mojo.dataset = "my-digits/";
    e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getMessage(), e.getMessage().startsWith("Image folder " + new File(mojo.basedir, "my-digits")
        + " does not exist or is not a folder."));
  }

  @Test
  public void onlyCpuTrains() throws Exception {
    TrainMojo mojo = mojo();
    mojo.device = "cuda";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getMessage(), e.getMessage().startsWith("device: only 'cpu' is supported for training in this build"
        + " (was 'cuda')."));
  }

  @Test
  public void trainsOnAnImageFolder() throws Exception {
    TrainMojo mojo = mojo();
    Path folder = mojo.basedir.toPath().resolve("target/digits");
    for (int i = 0; i < 60; i++) {
      MojoTests.writePng(i, folder.resolve(MojoTests.fixture().test().label(i) + "/" + i + ".png"));
    }
    mojo.dataset = "target/digits";
    mojo.execute();
    assertTrue(log.all(), log.info.stream().anyMatch(l -> l.contains("held out for testing")));
    assertTrue(Files.isRegularFile(mojo.outputDirectory.toPath().resolve("model.onnx")));
  }
}
