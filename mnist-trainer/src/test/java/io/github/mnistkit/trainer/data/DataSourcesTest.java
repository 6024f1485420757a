package io.github.mnistkit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.trainer.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
  @TempDir Path dir;
  final List<String> log = new ArrayList<>();

  private DataSources offline() {
    return new DataSources(dir.resolve("cache"), true, log::add);
  }

  @Test
  void readsTheFolderTheUserNames() {
    DigitData data = offline().load(DatasetKind.MNIST, Fixture.DIRECTORY);
    assertEquals(2000, data.train().size());
    assertEquals(2000, data.test().size());
    assertEquals("mnist", data.name());
  }

  @Test
  void missingUserFolderSaysSo() {
    Path missing = dir.resolve("no-such-folder");
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> offline().load(DatasetKind.MNIST, missing));
    assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void incompleteFolderListsTheMissingFiles() throws Exception {
    Path partial = Files.createDirectory(dir.resolve("partial"));
    Files.copy(
        Fixture.DIRECTORY.resolve(DataFiles.TRAIN_IMAGES), partial.resolve(DataFiles.TRAIN_IMAGES));
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> offline().load(DatasetKind.MNIST, partial));
    assertTrue(e.getMessage().contains(DataFiles.TEST_LABELS), e.getMessage());
    assertTrue(!e.getMessage().contains("[" + DataFiles.TRAIN_IMAGES), e.getMessage());
  }

  @Test
  void offlineWithoutCacheExplainsHowToProceedAndDownloadsNothing() {
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> offline().locate(DatasetKind.MNIST, null));
    assertTrue(e.getMessage().contains("offline"), e.getMessage());
    assertTrue(e instanceof DataUnavailableException, e.toString());
    assertTrue(
        e.getMessage()
            .contains(
                "Put the four files into "
                    + dir.resolve("cache/mnist").toAbsolutePath()
                    + " (train-images-idx3-ubyte.gz md5 f68b3c2dcbeaaa9fbdd348bbdeb94873, "),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("t10k-labels-idx1-ubyte.gz md5 ec29112dd5afa0611ce80d1b7f02629c)"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("give the folder that holds them as the data directory"),
        e.getMessage());
    assertFalse(
        e.getMessage().contains("-D") || e.getMessage().contains("mnist:"),
        "the trainer names no plugin flag or goal: " + e.getMessage());
    assertTrue(log.stream().noneMatch(line -> line.startsWith("Downloading")), log.toString());
  }

  @Test
  void aFileGivenAsTheDataFolderIsCalledAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("mnist.txt"), "not a folder");
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> offline().load(DatasetKind.MNIST, file));
    assertEquals(
        "Data directory "
            + file.toAbsolutePath()
            + " is a file, not a folder. Point it at the folder"
            + " that holds the four mnist IDX files ("
            + DataFiles.ALL
            + "), or leave it unset to use the cache or"
            + " download them.",
        e.getMessage());
  }

  @Test
  void theCacheIsUsedWhenNoFolderIsNamed() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache").resolve("mnist"));
    for (String name : DataFiles.ALL) {
      Files.copy(Fixture.DIRECTORY.resolve(name), cache.resolve(name));
    }
    assertEquals(cache, offline().locate(DatasetKind.MNIST, null));
  }

  @Test
  void uncompressedAndDottedFileNamesAreFound() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("plain"));
    Files.createFile(folder.resolve("train-images.idx3-ubyte"));
    assertTrue(DataFiles.find(folder, DataFiles.TRAIN_IMAGES).isPresent());
    assertTrue(DataFiles.find(folder, DataFiles.TEST_IMAGES).isEmpty());
  }

  @Test
  void knownChecksumsAreTheOnesInTheSharedReadme() {
    assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", DatasetKind.MNIST.md5(DataFiles.TRAIN_IMAGES));
    assertEquals("ec29112dd5afa0611ce80d1b7f02629c", DatasetKind.MNIST.md5(DataFiles.TEST_LABELS));
    assertEquals(Downloader.md5("hello".getBytes()), "5d41402abc4b2a76b9719d911017c592");
  }

  @Test
  void unknownDatasetNameListsTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatasetKind.fromId("cifar"));
    assertTrue(e.getMessage().contains("mnist, fashion-mnist"), e.getMessage());
  }
}
