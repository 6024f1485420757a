package io.github.mnistkit.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
  @TempDir Path dir;

  private void publish(OutputFolder folder, String model, String checkpoint) throws Exception {
    try (OutputFolder.Staging staging = folder.stage()) {
      Files.writeString(staging.directory().resolve("model.onnx"), model);
      Files.writeString(staging.directory().resolve("checkpoint.params"), checkpoint);
      assertEquals(
          List.of("checkpoint.params", "model.onnx", OutputFolder.MANIFEST_FILE),
          staging.publish());
    }
  }

  private List<String> names(Path folder) throws Exception {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishesTheFilesTogetherWithAManifestOfTheirSha256() throws Exception {
    OutputFolder folder = OutputFolder.of(dir.resolve("out"));
    publish(folder, "model 1", "checkpoint 1");
    assertEquals(
        List.of("checkpoint.params", OutputFolder.MANIFEST_FILE, "model.onnx"),
        names(folder.directory()));
    assertEquals(
        OutputFolder.sha256(folder.resolve("checkpoint.params"))
            + "  checkpoint.params\n"
            + OutputFolder.sha256(folder.resolve("model.onnx"))
            + "  model.onnx\n",
        Files.readString(folder.resolve(OutputFolder.MANIFEST_FILE)));
    assertTrue(folder.inconsistency().isEmpty());

    publish(folder, "model 2", "checkpoint 2");
    assertEquals("model 2", Files.readString(folder.resolve("model.onnx")));
    assertTrue(folder.inconsistency().isEmpty());
  }

  @Test
  void aRunThatIsNotPublishedLeavesThePreviousFilesAndIsCleanedUp() throws Exception {
    OutputFolder folder = OutputFolder.of(dir.resolve("out"));
    publish(folder, "model 1", "checkpoint 1");
    OutputFolder.Staging killed = folder.stage(); // a run killed before publishing: never closed
    Files.writeString(killed.directory().resolve("checkpoint.params"), "epoch 1 of the killed run");
    assertEquals("checkpoint 1", Files.readString(folder.resolve("checkpoint.params")));
    assertTrue(folder.inconsistency().isEmpty());

    try (OutputFolder.Staging next = folder.stage()) {
      assertFalse(Files.exists(killed.directory()), "the next run removes what a killed run left");
    }
    assertEquals(
        List.of("checkpoint.params", OutputFolder.MANIFEST_FILE, "model.onnx"),
        names(folder.directory()));
  }

  @Test
  void aPublishInterruptedAfterItsCommitPointIsFinishedByTheNextReader() throws Exception {
    OutputFolder folder = OutputFolder.of(dir.resolve("out"));
    publish(folder, "model 1", "checkpoint 1");
    // what a process killed half-way through moving the files leaves: model moved, the rest not
    Path publishing = Files.createDirectory(folder.resolve(OutputFolder.PUBLISHING));
    Files.writeString(folder.resolve("model.onnx"), "model 2");
    Files.writeString(publishing.resolve("checkpoint.params"), "checkpoint 2");
    Files.writeString(
        publishing.resolve(OutputFolder.MANIFEST_FILE),
        OutputFolder.sha256(folder.resolve("model.onnx"))
            + "  model.onnx\n"
            + OutputFolder.sha256(publishing.resolve("checkpoint.params"))
            + "  checkpoint.params\n");
    assertTrue(
        folder.inconsistency().isPresent(), "before recovery the old manifest does not match");

    folder.requireConsistent("model.onnx");
    assertEquals("checkpoint 2", Files.readString(folder.resolve("checkpoint.params")));
    assertFalse(Files.exists(publishing));
    assertTrue(folder.inconsistency().isEmpty());
  }

  @Test
  void filesOfDifferentRunsAreRefusedWithAClearMessage() throws Exception {
    OutputFolder folder = OutputFolder.of(dir.resolve("out"));
    publish(folder, "model 1", "checkpoint 1");
    Files.writeString(folder.resolve("checkpoint.params"), "checkpoint of another run");
    MismatchedOutputsException e =
        assertThrows(
            MismatchedOutputsException.class, () -> folder.requireConsistent("model.onnx"));
    assertEquals(
        "The files in "
            + folder.directory()
            + " do not belong together: checkpoint.params is not"
            + " the file that run wrote (sha256 differs) (manifest.sha256 records the files one run published)."
            + " They were changed or mixed after that run; using model.onnx with them could give wrong results."
            + " Train again to publish a consistent set, or restore the files of one run.",
        e.getMessage());

    Files.delete(folder.resolve("checkpoint.params"));
    assertEquals("checkpoint.params is missing", folder.inconsistency().orElseThrow());
    folder.requireConsistent("other.onnx"); // a file the manifest does not list is not checked
  }

  @Test
  void aFileIsNotAnOutputFolder() throws Exception {
    Path file = Files.writeString(dir.resolve("out"), "x");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputFolder.of(file));
    assertEquals(
        "Output folder "
            + file
            + " is a file, not a folder. Choose a folder (it is created if"
            + " missing), or delete the file.",
        e.getMessage());
  }
}
