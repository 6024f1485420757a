package io.github.mnistkit.trainer.data;

import io.github.mnistkit.trainer.Ids;
import java.util.List;
import java.util.Map;

/** The standard IDX data sets: where they can be downloaded and the md5 of each file. */
public enum DatasetKind implements Ids.Named {
  MNIST(
      "mnist",
      List.of(
          "https://ossci-datasets.s3.amazonaws.com/mnist/",
          "https://storage.googleapis.com/cvdf-datasets/mnist/"),
      Map.of(
          DataFiles.TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873",
          DataFiles.TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432",
          DataFiles.TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3",
          DataFiles.TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c"),
      List.of()),
  FASHION_MNIST(
      "fashion-mnist",
      List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
      Map.of(
          DataFiles.TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
          DataFiles.TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe",
          DataFiles.TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79",
          DataFiles.TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310"),
      // Debian's dataset-fashion-mnist package
      List.of("/usr/share/datasets/fashion-mnist"));

  private final String id;
  private final List<String> mirrors;
  private final Map<String, String> md5ByFile;
  private final List<String> systemDirectories;

  DatasetKind(
      String id,
      List<String> mirrors,
      Map<String, String> md5ByFile,
      List<String> systemDirectories) {
    this.id = id;
    this.mirrors = mirrors;
    this.md5ByFile = md5ByFile;
    this.systemDirectories = systemDirectories;
  }

  @Override
  public String id() {
    return id;
  }

  /** Base URLs, tried in order; each holds the four {@code .gz} files. */
  public List<String> mirrors() {
    return mirrors;
  }

  /**
   * The md5 of the gzipped file named {@code fileName} (e.g. {@code train-images-idx3-ubyte.gz}).
   */
  public String md5(String fileName) {
    return md5ByFile.get(fileName);
  }

  /** The md5 of each of the four gzipped files, by file name. */
  public Map<String, String> md5s() {
    return md5ByFile;
  }

  /** Folders where a system package may have installed the files. */
  public List<String> systemDirectories() {
    return systemDirectories;
  }

  public static DatasetKind fromId(String id) {
    return Ids.parse(DatasetKind.class, id, "dataset", "or give a folder of 0/…9/ images");
  }

  @Override
  public String toString() {
    return id;
  }
}
