package io.github.mnistkit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.trainer.Fixture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecTest {
  @TempDir Path dir;
  private final DataSources offline = new DataSources(Path.of("target/no-cache"), true, m -> {});

  @Test
  void parsesNamesAndFolders() throws Exception {
    assertEquals("mnist", DatasetSpec.parse(null, dir, null).id());
    assertEquals("fashion-mnist", DatasetSpec.parse(" Fashion-MNIST ", dir, null).id());
    Files.createDirectory(dir.resolve("mine"));
    DatasetSpec folder = DatasetSpec.parse("mine", dir, null);
    assertTrue(folder.isFolder());
    assertEquals(dir.resolve("mine").toString(), folder.id());
    assertTrue(DatasetSpec.parse("not/there", dir, null).isFolder());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("emnist", dir, null));
    assertEquals(
        "Unknown dataset 'emnist'. Choose one of: mnist, fashion-mnist, or give a folder of 0/…9/ images.",
        e.getMessage());
  }

  @Test
  void idxFilesAreTheFourFilesOfTheDataDirectory() {
    List<Path> files = DatasetSpec.parse("mnist", dir, Fixture.DIRECTORY).files(offline);
    assertEquals(4, files.size());
    assertTrue(files.stream().allMatch(Files::isRegularFile));
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () -> DatasetSpec.parse("mnist", dir, dir.resolve("missing")).files(offline));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void folderIsDecodedAndSplit() throws Exception {
    IdxDataset source = Fixture.load().test();
    int[] written = new int[10];
    for (int i = 0; i < source.size(); i++) {
      if (written[source.label(i)] == 6) {
        continue;
      }
      writePng(source, i, dir.resolve("digits/" + source.label(i) + "/" + i + ".png"));
      written[source.label(i)]++;
    }
    Files.writeString(dir.resolve("digits/README.txt"), "not an image");
    DatasetSpec spec = DatasetSpec.parse("digits", dir, null);
    assertEquals(60, spec.files(offline).size());
    List<String> log = new ArrayList<>();
    DigitData data = spec.load(offline, 42, log::add);
    assertEquals("digits", data.name());
    assertEquals(50, data.train().size());
    assertEquals(10, data.test().size());
    assertFalse(log.isEmpty());
  }

  static void writePng(IdxDataset data, int index, Path file) throws Exception {
    byte[] pixels = data.imageBytes(index);
    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < pixels.length; i++) {
      int ink = pixels[i] & 0xFF;
      image.getRaster().setSample(i % 28, i / 28, 0, 255 - ink); // dark ink on white paper
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
  }
}
