package io.github.mnistkit.maven;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.github.mnistkit.maven.MojoTests.CapturingLog;
import io.github.mnistkit.trainer.TrainerVersion;
import io.github.mnistkit.trainer.data.DataFiles;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
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
    for (String name :
        new String[] {"model.onnx", "checkpoint.params", "report.json", "train.fingerprint"}) {
      assertTrue(name, Files.isRegularFile(out.resolve(name)));
    }
    assertTrue(log.all(), log.info.stream().anyMatch(l -> l.startsWith("Epoch 1/1 done in")));
    assertTrue(
        log.all(), log.info.stream().anyMatch(l -> l.startsWith("Trained cnn: test accuracy")));
    long modified = Files.getLastModifiedTime(out.resolve("model.onnx")).toMillis();

    CapturingLog second = new CapturingLog();
    TrainMojo again = MojoTests.mojo(rule, rule.readMavenProject(mojo.basedir), "train", second);
    again.execute();
    assertTrue(
        second.all(),
        second.info.stream()
            .anyMatch(l -> l.contains("is up to date") && l.contains("mnist.force")));
    assertEquals(modified, Files.getLastModifiedTime(out.resolve("model.onnx")).toMillis());

    CapturingLog third = new CapturingLog();
    TrainMojo changed = MojoTests.mojo(rule, rule.readMavenProject(mojo.basedir), "train", third);
    changed.maxTrainImages = "300";
    changed.execute();
    assertTrue(
        third.all(),
        third.info.stream()
            .anyMatch(
                l ->
                    l.contains(
                        "(changed since the last run: parameter.max_train_images (500 → 300))")));
  }

  @Test
  public void unsetParametersTakeTheCoresDefaultsAndUserPropertiesAreRead() throws Exception {
    MavenProject project = MojoTests.project(rule, "train-defaults");
    TrainMojo mojo = MojoTests.mojo(rule, project, "train", log);
    for (Object unset :
        new Object[] {
          mojo.architecture,
          mojo.epochs,
          mojo.seed,
          mojo.dataset,
          mojo.batchSize,
          mojo.learningRate,
          mojo.optimizer,
          mojo.schedule,
          mojo.maxTrainImages,
          mojo.validationFraction,
          mojo.augment,
          mojo.dataDirectory
        }) {
      assertNull(unset);
    }
    assertEquals(TrainingConfig.builder().build(), mojo.config());
    assertFalse(mojo.force);
    assertEquals(new File(project.getBasedir(), "target/mnist"), mojo.outputDirectory);
    assertEquals(TrainerVersion.get(), mojo.pluginVersion);

    MavenSession session = rule.newMavenSession(project);
    session.getUserProperties().setProperty("mnist.epochs", "3");
    session.getUserProperties().setProperty("mnist.architecture", "resnet18");
    session.getUserProperties().setProperty("mnist.force", "true");
    session.getUserProperties().setProperty("mnist.dataDirectory", "data");
    MojoExecution execution = rule.newMojoExecution("train");
    TrainMojo fromProperties = (TrainMojo) rule.lookupConfiguredMojo(session, execution);
    assertEquals(
        TrainingConfig.builder(Architecture.RESNET18).epochs(3).build(), fromProperties.config());
    assertTrue(fromProperties.force);
    assertEquals(new File(project.getBasedir(), "data"), fromProperties.dataDirectory);
  }

  @Test
  public void aValueThatIsNotANumberNamesTheParameterAndWhatItAccepts() throws Exception {
    MavenProject project = MojoTests.project(rule, "train-defaults");
    MavenSession session = rule.newMavenSession(project);
    session.getUserProperties().setProperty("mnist.epochs", "abc");
    TrainMojo mojo = (TrainMojo) rule.lookupConfiguredMojo(session, rule.newMojoExecution("train"));
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("epochs: 'abc' is not a whole number, at least 1.", e.getMessage());

    mojo.epochs = null;
    mojo.validationFraction = "a tenth";
    e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("validationFraction: 'a tenth' is not a number in [0, 0.5).", e.getMessage());
  }

  @Test
  public void anOutputDirectoryThatIsAFileSaysSo() throws Exception {
    TrainMojo mojo = mojo();
    Path file =
        Files.createDirectories(mojo.basedir.toPath().resolve("target")).resolve("model.txt");
    Files.writeString(file, "a file");
    mojo.outputDirectory = file.toFile();
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "outputDirectory: "
            + file
            + " is a file, not a folder. Point <outputDirectory> or"
            + " -Dmnist.outputDirectory at a folder (it is created if missing), or delete the file.",
        e.getMessage());
  }

  @Test
  public void aDataDirectoryThatIsAFileSaysSo() throws Exception {
    TrainMojo mojo = mojo();
    Path file =
        Files.createDirectories(mojo.basedir.toPath().resolve("target")).resolve("mnist.zip");
    Files.writeString(file, "a file");
    mojo.dataDirectory = file.toFile();
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "dataDirectory: Data directory "
            + file
            + " is a file, not a folder. Point it at the folder"
            + " that holds the four mnist IDX files ("
            + DataFiles.ALL
            + "), or leave it unset to use the cache or"
            + " download them. With Maven: set <dataDirectory> or -Dmnist.dataDirectory=<folder>.",
        e.getMessage());
  }

  @Test
  public void offlineWithoutTheFilesSaysWhereToPutThemOrWhichParameterToSet() throws Exception {
    TrainMojo mojo = mojo();
    mojo.dataDirectory = null;
    Path home = mojo.basedir.toPath().resolve("target/home");
    String userHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    System.setProperty("mnistkit.offline", "true");
    try {
      MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
      assertTrue(
          e.getMessage(), e.getMessage().startsWith("dataDirectory: The mnist files are not in ["));
      assertTrue(
          e.getMessage(),
          e.getMessage()
              .contains(
                  "Put the four files into "
                      + home.resolve(".mnist-kit/datasets/mnist")
                      + " (train-images-idx3-ubyte.gz md5"
                      + " f68b3c2dcbeaaa9fbdd348bbdeb94873, train-labels-idx1-ubyte.gz md5 d53e105ee54ea40749a09fcbcd1e9432,"
                      + " t10k-images-idx3-ubyte.gz md5 9fb629c4189551a2d022fa330f9573f3, t10k-labels-idx1-ubyte.gz md5"
                      + " ec29112dd5afa0611ce80d1b7f02629c), or give the folder that holds them as the data directory"));
      assertTrue(
          e.getMessage(),
          e.getMessage()
              .endsWith(
                  "or run once with network access to fill the cache."
                      + " With Maven: set <dataDirectory> or -Dmnist.dataDirectory=<folder>."));
    } finally {
      System.setProperty("user.home", userHome);
      System.clearProperty("mnistkit.offline");
    }
  }

  @Test
  public void unknownArchitectureListsTheChoices() throws Exception {
    TrainMojo mojo = mojo();
    mojo.architecture = "resnet50";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "architecture: Unknown architecture 'resnet50'. Choose one of: cnn, basic-cnn, resnet-small,"
            + " resnet18, resnet34.",
        e.getMessage());
  }

  @Test
  public void epochsMustBePositive() throws Exception {
    TrainMojo mojo = mojo();
    mojo.epochs = "0";
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals("epochs must be at least 1 (was 0)", e.getMessage());
  }

  @Test
  public void unknownOptimizerAndDataset() throws Exception {
    TrainMojo mojo = mojo();
    mojo.optimizer = "lion";
    assertEquals(
        "optimizer: Unknown optimizer 'lion'. Choose one of: adam, adamw, sgd, adadelta.",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
    mojo.optimizer = null;
    mojo.dataset = "emnist";
    assertEquals(
        "dataset: Unknown dataset 'emnist'. Choose one of: mnist, fashion-mnist, or give a folder of"
            + " 0/…9/ images.",
        assertThrows(MojoExecutionException.class, mojo::execute).getMessage());
  }

  @Test
  public void missingDataFolderSaysWhatToPointAt() throws Exception {
    TrainMojo mojo = mojo();
    mojo.dataDirectory = new File(mojo.basedir, "no-such-folder");
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertEquals(
        "dataDirectory: Data directory "
            + mojo.dataDirectory
            + " does not exist. Point it at a folder"
            + " holding the four mnist IDX files, or leave it unset to use the cache or download them. With Maven:"
            + " set <dataDirectory> or -Dmnist.dataDirectory=<folder>.",
        e.getMessage());

    mojo.dataset = "my-digits/";
    e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith(
                "Image folder "
                    + new File(mojo.basedir, "my-digits")
                    + " does not exist or is not a folder."));
  }

  @Test
  public void skipDoesNothing() throws Exception {
    TrainMojo mojo = mojo();
    mojo.skip = true;
    mojo.execute();
    assertEquals(java.util.List.of("Skipping mnist:train (mnist.skip=true)"), log.info);
    assertFalse(mojo.outputDirectory.exists());
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
