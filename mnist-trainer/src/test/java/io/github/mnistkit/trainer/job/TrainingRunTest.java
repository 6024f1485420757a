package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.trainer.Fixture;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.nn.Architecture;
import io.github.mnistkit.trainer.train.TrainingConfig;
import io.github.mnistkit.trainer.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
  @TempDir Path dir;
  private final DataSources offline = new DataSources(Path.of("target/no-cache"), true, m -> {});

  private TrainingRun run(int maxTrainImages) {
    TrainingConfig config =
        TrainingConfig.builder(Architecture.CNN).epochs(1).maxTrainImages(maxTrainImages).build();
    return new TrainingRun(
            config,
            DatasetSpec.parse("mnist", dir, Fixture.DIRECTORY),
            dir.resolve("out"),
            TrainingListener.SILENT)
        .tool("test-tool", "1")
        .sources(offline);
  }

  @Test
  void trainsOnceThenSkipsUntilSomethingChanges() throws Exception {
    TrainingRun.Result first = run(300).run(false);
    assertFalse(first.skipped());
    assertEquals("no record of a previous successful run", first.reason());
    assertNotNull(first.outcome());
    assertTrue(Files.isRegularFile(dir.resolve("out/" + Fingerprint.TRAIN_FILE)));

    TrainingRun.Result second = run(300).run(false);
    assertTrue(second.skipped());
    assertEquals(first.model(), second.model());

    assertEquals(
        "changed since the last run: parameter.max_train_images (300 → 200)",
        run(200)
            .fingerprint()
            .staleReason(
                run(200).fingerprintFile(), java.util.List.of(first.model(), first.report()))
            .orElseThrow());
    assertEquals("forced", run(300).run(true).reason());

    Files.delete(first.report());
    assertEquals("report.json is missing", run(300).run(false).reason());
  }
}
