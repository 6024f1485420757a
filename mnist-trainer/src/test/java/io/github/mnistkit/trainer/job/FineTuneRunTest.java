package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.io.MismatchedOutputsException;
import io.github.mnistkit.trainer.io.OutputFolder;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date wrapper around FineTuneJob; the fine-tuning itself is tested in FineTuneJobTest.
 */
class FineTuneRunTest {
  @TempDir Path dir;
  private final DataSources offline = new DataSources(Path.of("target/no-cache"), true, m -> {});

  private FineTuneRun run(Path base, int epochs) throws Exception {
    Path folder = dir.resolve("digits");
    for (int d = 0; d < 2 && !Files.exists(folder.resolve("1")); d++) {
      Files.createDirectories(folder.resolve(Integer.toString(d)));
      Files.writeString(folder.resolve(d + "/a.png"), "not decoded by the fingerprint");
    }
    FineTuneConfig config = FineTuneConfig.builder(base, folder).epochs(epochs).build();
    return new FineTuneRun(config, Fixture.DIRECTORY, dir.resolve("out"), TrainingListener.SILENT)
        .tool("test", "1")
        .sources(offline);
  }

  @Test
  void missingBaseCheckpointSaysToTrainFirst() throws Exception {
    Path base = dir.resolve("none/checkpoint.params");
    InvalidModelException e = assertThrows(InvalidModelException.class, () -> run(base, 1).run());
    assertTrue(
        e.getMessage().startsWith("Checkpoint " + base + " does not exist. Train a model first"),
        e.getMessage());
  }

  @Test
  void aBaseCheckpointOfAnotherRunThanItsManifestIsRefused() throws Exception {
    OutputFolder trained = OutputFolder.of(dir.resolve("trained"));
    try (OutputFolder.Staging staging = trained.stage()) {
      Files.writeString(staging.directory().resolve("checkpoint.params"), "weights of run 1");
      Files.writeString(staging.directory().resolve("model.onnx"), "model of run 1");
      staging.publish();
    }
    Path base =
        Files.writeString(trained.resolve("checkpoint.params"), "weights of a killed run 2");
    MismatchedOutputsException e =
        assertThrows(MismatchedOutputsException.class, () -> run(base, 1).run());
    assertTrue(
        e.getMessage()
            .startsWith(
                "The files in "
                    + trained.directory()
                    + " do not belong together:"
                    + " checkpoint.params is not the file that run wrote (sha256 differs)"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("out")), "nothing was staged or written");
  }

  @Test
  void fingerprintCoversBaseImagesMnistAndSettings() throws Exception {
    Path base = Files.writeString(dir.resolve("checkpoint.params"), "base");
    String text = run(base, 3).fingerprint().text();
    for (String key :
        new String[] {
          "data.base_checkpoint=1 files",
          "data.images=2 files",
          "data.mnist=4 files",
          "parameter.epochs=3",
          "parameter.replay_fraction=0.5",
          "tool.test=1"
        }) {
      assertTrue(text.contains(key), key + " in\n" + text);
    }
    FineTuneRun other = run(base, 4);
    other.fingerprint().write(other.fingerprintFile());
    assertEquals(
        "changed since the last run: parameter.epochs (4 → 3)",
        run(base, 3)
            .fingerprint()
            .staleReason(other.fingerprintFile(), java.util.List.of())
            .orElseThrow());
  }
}
