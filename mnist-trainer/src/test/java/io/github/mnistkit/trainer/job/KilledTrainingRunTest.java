package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.io.OutputFolder;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed with SIGKILL while it trains must leave the previous run's published files
 * byte for byte as they were, consistent with their manifest and still up to date. (Before staging,
 * a killed run had already replaced checkpoint.params with its epoch-1 weights.)
 */
class KilledTrainingRunTest {
  private static final long WAIT_SECONDS = 300;
  @TempDir Path dir;

  private TrainingRun previousRun(Path out) {
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(1).maxTrainImages(200).build();
    return new TrainingRun(
            config,
            DatasetSpec.parse("mnist", null, Fixture.DIRECTORY),
            out,
            TrainingListener.SILENT)
        .sources(new DataSources(Path.of("target/no-cache"), true, m -> {}));
  }

  @Test
  void aRunKilledMidTrainingLeavesThePreviousOutputsIntact() throws Exception {
    Path out = dir.resolve("out");
    assertFalse(previousRun(out).run(false).skipped());
    Map<String, String> before = publishedFiles(out);
    assertTrue(
        before
            .keySet()
            .containsAll(
                java.util.List.of(
                    "model.onnx",
                    "checkpoint.params",
                    "report.json",
                    Fingerprint.TRAIN_FILE,
                    OutputFolder.MANIFEST_FILE)),
        before.keySet().toString());

    Path log = dir.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                TrainingChild.class.getName(),
                Fixture.DIRECTORY.toAbsolutePath().toString(),
                out.toString(),
                "7")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      awaitFirstCheckpoint(out, before.get("checkpoint.params"), child, log);
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed JVM did not end");
    }

    assertEquals(before, publishedFiles(out), "published files changed by the killed run");
    assertEquals(Optional.empty(), OutputFolder.of(out).inconsistency());
    TrainingRun.Result again = previousRun(out).run(false);
    assertTrue(again.skipped(), "the previous outputs are still up to date: " + again.reason());
    try (OutputFolder.Staging next = OutputFolder.of(out).stage()) {
      assertEquals(1, stagingFolders(out), "only the new run's staging folder is left");
    }
  }

  /**
   * Waits until the child has trained an epoch and written its best-so-far checkpoint: into its
   * staging folder, or (as runs did before staging) over the published one.
   */
  private static void awaitFirstCheckpoint(Path out, String published, Process child, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> entries = Files.list(out)) {
        boolean staged =
            entries
                .filter(p -> p.getFileName().toString().startsWith(".staging-"))
                .anyMatch(p -> Files.isRegularFile(p.resolve("checkpoint.params")));
        if (staged || !published.equals(OutputFolder.sha256(out.resolve("checkpoint.params")))) {
          return;
        }
      }
      if (!child.isAlive()) {
        fail(
            "the child run ended (exit "
                + child.exitValue()
                + ") before it was killed:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      Thread.sleep(20);
    }
    fail(
        "no in-progress checkpoint within "
            + WAIT_SECONDS
            + " s:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Name → sha256 of each published file (not the staging folders). */
  private static Map<String, String> publishedFiles(Path out) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(out)) {
      for (Path file : entries.filter(Files::isRegularFile).toList()) {
        files.put(file.getFileName().toString(), OutputFolder.sha256(file));
      }
    }
    return files;
  }

  private static long stagingFolders(Path out) throws Exception {
    try (Stream<Path> entries = Files.list(out)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(".staging-")).count();
    }
  }
}
