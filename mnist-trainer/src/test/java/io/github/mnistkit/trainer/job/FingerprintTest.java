package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  @TempDir Path dir;

  private Fingerprint fingerprint(int epochs, List<Path> data) {
    return Fingerprint.builder()
        .tool("plugin", "1.0")
        .parameter("epochs", epochs)
        .data("idx", data)
        .build();
  }

  @Test
  void upToDateOnlyWithSameInputsAndOutputsPresent() throws Exception {
    Path data = Files.writeString(dir.resolve("train.gz"), "abc");
    Path model = Files.writeString(dir.resolve("model.onnx"), "m");
    Path file = dir.resolve(Fingerprint.TRAIN_FILE);
    Fingerprint now = fingerprint(1, List.of(data));

    assertEquals(
        "no record of a previous successful run",
        now.staleReason(file, List.of(model)).orElseThrow());
    now.write(file);
    assertTrue(now.staleReason(file, List.of(model)).isEmpty());
    assertEquals(now, fingerprint(1, List.of(data)));

    assertEquals(
        "changed since the last run: parameter.epochs (1 → 2)",
        fingerprint(2, List.of(data)).staleReason(file, List.of(model)).orElseThrow());
    assertEquals(
        "x is missing", now.staleReason(file, List.of(model, dir.resolve("x"))).orElseThrow());

    Files.setLastModifiedTime(
        data, FileTime.fromMillis(Files.getLastModifiedTime(data).toMillis() - 5000));
    assertEquals(
        "changed since the last run: the data (idx)",
        fingerprint(1, List.of(data)).staleReason(file, List.of(model)).orElseThrow());
  }

  @Test
  void textIsStableAndReadable() {
    String text =
        Fingerprint.builder()
            .parameter("b", 2)
            .tool("t", "1")
            .parameter("a", "x\ny")
            .build()
            .text();
    assertEquals(
        "# mnist-kit: inputs of the last successful run (delete to force a rerun)\n"
            + "parameter.a=x y\nparameter.b=2\ntool.t=1\n",
        text);
  }
}
