package io.github.mnistkit.trainer.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBatchTest {
  @TempDir Path dir;

  @Test
  void collectsFilesAndFoldersRecursivelyWithoutHiddenOnes() throws Exception {
    Path single = Files.writeString(dir.resolve("one.png"), "x");
    Files.createDirectories(dir.resolve("folder/deeper"));
    Files.createDirectories(dir.resolve("folder/.cache"));
    Path b = Files.writeString(dir.resolve("folder/b.png"), "x");
    Path a = Files.writeString(dir.resolve("folder/deeper/a.jpg"), "x");
    Files.writeString(dir.resolve("folder/.hidden.png"), "x");
    Files.writeString(dir.resolve("folder/.cache/c.png"), "x");

    assertEquals(List.of(single, b, a), ImageBatch.collect(List.of(single, dir.resolve("folder"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageBatch.collect(List.of(dir.resolve("missing.png"))));
    assertEquals(dir.resolve("missing.png") + " does not exist; give image files or folders.", e.getMessage());
  }

  @Test
  void displaysPathsRelativeToTheBaseWhenUnderIt() {
    assertEquals("folder/a.png", ImageBatch.display(dir.resolve("folder/a.png"), dir));
    assertEquals(Path.of("/elsewhere/a.png").toString(), ImageBatch.display(Path.of("/elsewhere/a.png"), dir));
  }
}
