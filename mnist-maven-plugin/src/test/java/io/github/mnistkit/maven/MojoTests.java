package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.trainer.data.DataFiles;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.job.TrainingJob;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.plugin.testing.MojoRule;
import org.apache.maven.project.MavenProject;

/**
 * Shared fixture for the Mojo tests: the committed MNIST sample (read with the SDK's IdxReader),
 * one small trained model, log capture.
 */
final class MojoTests {
  static final Path FIXTURE =
      Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"))
          .toAbsolutePath()
          .normalize();
  private static Path model;
  private static DigitData fixture;

  private MojoTests() {}

  static synchronized DigitData fixture() {
    if (fixture == null) {
      fixture =
          new DigitData(
              "mnist",
              IdxReader.read(
                  FIXTURE.resolve(DataFiles.TRAIN_IMAGES), FIXTURE.resolve(DataFiles.TRAIN_LABELS)),
              IdxReader.read(
                  FIXTURE.resolve(DataFiles.TEST_IMAGES), FIXTURE.resolve(DataFiles.TEST_LABELS)));
    }
    return fixture;
  }

  /**
   * A cnn trained for 1 epoch on the 2,000 fixture images (about 90% accurate), once per test JVM.
   */
  static synchronized Path model() {
    if (model == null) {
      TrainingConfig config =
          TrainingConfig.builder(Architecture.CNN).epochs(1).batchSize(16).build();
      model =
          new TrainingJob(
                  config, Path.of("target/test-model").toAbsolutePath(), TrainingListener.SILENT)
              .run(fixture())
              .model();
    }
    return model;
  }

  /**
   * The project of {@code target/test-classes/unit/<name>/pom.xml}, with its target folder emptied.
   */
  static MavenProject project(MojoRule rule, String name) throws Exception {
    File basedir = new File("target/test-classes/unit/" + name).getAbsoluteFile();
    deleteRecursively(basedir.toPath().resolve("target"));
    return rule.readMavenProject(basedir);
  }

  @SuppressWarnings("unchecked")
  static <T extends Mojo> T mojo(MojoRule rule, MavenProject project, String goal, CapturingLog log)
      throws Exception {
    T mojo = (T) rule.lookupConfiguredMojo(project, goal);
    mojo.setLog(log);
    return mojo;
  }

  /**
   * Writes fixture test image {@code index} as a PNG, dark ink on white like a scan; returns its
   * digit.
   */
  static int writePng(int index, Path file) throws Exception {
    IdxDataset test = fixture().test();
    byte[] pixels = test.imageBytes(index);
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < pixels.length; i++) {
      image.getRaster().setSample(i % 28, i / 28, 0, 255 - (pixels[i] & 0xFF));
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
    return test.label(index);
  }

  static void deleteRecursively(Path path) throws Exception {
    if (Files.exists(path)) {
      try (var walk = Files.walk(path)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Keeps what a Mojo logs, and still prints it. */
  static final class CapturingLog extends SystemStreamLog {
    final List<String> info = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void info(CharSequence content) {
      info.add(content.toString());
      super.info(content);
    }

    @Override
    public void warn(CharSequence content) {
      warnings.add(content.toString());
      super.warn(content);
    }

    String all() {
      return String.join("\n", info) + "\n" + String.join("\n", warnings);
    }
  }
}
