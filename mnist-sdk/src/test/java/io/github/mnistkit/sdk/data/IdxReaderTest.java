package io.github.mnistkit.sdk.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  static final Path FIXTURE = Path.of(System.getProperty("mnist.fixtureDir", "../test-data/mnist"));
  static final Path IMAGES = FIXTURE.resolve("t10k-images-idx3-ubyte.gz");
  static final Path LABELS = FIXTURE.resolve("t10k-labels-idx1-ubyte.gz");

  @TempDir Path dir;

  @Test
  void readsTheFixtureWithTheKnownFirstLabels() {
    IdxDataset data = IdxReader.read(IMAGES, LABELS);
    assertEquals(2000, data.size());
    // the first MNIST test labels, as published: 7 2 1 0 4 1 4 9 5 9
    int[] first = new int[10];
    Arrays.setAll(first, data::label);
    assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, first);
    int[] counts = data.labelCounts();
    assertEquals(2000, Arrays.stream(counts).sum());
    assertTrue(Arrays.stream(counts).allMatch(c -> c > 150), Arrays.toString(counts));
  }

  @Test
  void plainAndGzippedGiveTheSamePixels() throws IOException {
    Path plainImages = dir.resolve("images");
    Path plainLabels = dir.resolve("labels");
    Files.write(plainImages, gunzip(IMAGES));
    Files.write(plainLabels, gunzip(LABELS));
    IdxDataset gz = IdxReader.read(IMAGES, LABELS);
    IdxDataset plain = IdxReader.read(plainImages, plainLabels);
    assertArrayEquals(gz.imageBytes(1999), plain.imageBytes(1999));
    float[] pixels = new float[784];
    plain.copyImage(0, pixels, 0);
    for (float p : pixels) {
      assertTrue(p >= 0 && p <= 1);
    }
  }

  @Test
  void missingFileNamesTheFileAndWhatToDo() {
    Path missing = dir.resolve("nope-images.gz");
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(missing, LABELS));
    assertTrue(e.getMessage().contains("nope-images.gz"), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void truncatedFileIsReportedAsTruncated() throws IOException {
    byte[] full = gunzip(IMAGES);
    Path truncated = dir.resolve("truncated-images");
    Files.write(truncated, Arrays.copyOf(full, full.length / 2));
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(truncated, LABELS));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated-images"), e.getMessage());
  }

  @Test
  void truncatedGzipIsReportedToo() throws IOException {
    byte[] gz = Files.readAllBytes(IMAGES);
    Path truncated = dir.resolve("cut.gz");
    Files.write(truncated, Arrays.copyOf(gz, gz.length / 3));
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(truncated, LABELS));
    assertTrue(e.getMessage().contains("cut.gz"), e.getMessage());
    assertTrue(
        e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void swappedFilesAreRecognisedByTheirMagicNumbers() {
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(LABELS, IMAGES));
    assertTrue(e.getMessage().contains("magic number 2051, expected 2049"), e.getMessage());
    assertTrue(e.getMessage().contains("swapped"), e.getMessage());
  }

  @Test
  void wrongMagicSaysItIsNotAnIdxFile() throws IOException {
    Path text = dir.resolve("images.txt");
    Files.writeString(text, "this is not an IDX file at all");
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(text, LABELS));
    assertTrue(e.getMessage().contains("not an IDX images file"), e.getMessage());
  }

  @Test
  void countMismatchBetweenImagesAndLabels() throws IOException {
    Path labels = dir.resolve("labels");
    Files.write(labels, labelFile(new byte[] {1, 2, 3}));
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(IMAGES, labels));
    assertTrue(e.getMessage().contains("2000 images but labels holds 3 labels"), e.getMessage());
  }

  @Test
  void labelOutsideZeroToNine() throws IOException {
    Path labels = dir.resolve("labels");
    Files.write(labels, labelFile(new byte[] {1, 12, 3}));
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(IMAGES, labels));
    assertTrue(e.getMessage().contains("label #1 is 12"), e.getMessage());
  }

  @Test
  void wrongDimensionsAreRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.IMAGES_MAGIC);
    out.writeInt(1);
    out.writeInt(32);
    out.writeInt(32);
    out.write(new byte[32 * 32]);
    Path images = dir.resolve("cifar-like");
    Files.write(images, bytes.toByteArray());
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.read(images, LABELS));
    assertTrue(e.getMessage().contains("32×32, expected 28×28"), e.getMessage());
  }

  /**
   * An 816-byte file (one image) whose header declares far more images: the declared size is
   * checked against the file before anything is allocated, in long arithmetic (count × 784
   * overflows int from 2,739,242 images on).
   */
  @ParameterizedTest(name = "{0} images declared")
  @ValueSource(ints = {1_000_000, 2_739_242, 5_000_000, 10_000_000})
  void aHeaderDeclaringMoreImagesThanTheFileHoldsIsRefusedBeforeAllocating(int declared)
      throws IOException {
    byte[] small = imageFile(declared, 800);
    assertEquals(816, small.length);
    Path plain = Files.write(dir.resolve("lying-images-idx3-ubyte"), small);
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.readImages(plain));
    assertTrue(e.getMessage().contains("lying-images-idx3-ubyte"), e.getMessage());
    assertTrue(
        e.getMessage().contains(String.format(java.util.Locale.ROOT, "%,d images", declared)),
        e.getMessage());

    Path gz = Files.write(dir.resolve("lying-images-idx3-ubyte.gz"), gzip(small));
    InvalidDataException g =
        assertThrows(InvalidDataException.class, () -> IdxReader.readImages(gz));
    assertTrue(g.getMessage().contains("lying-images-idx3-ubyte.gz"), g.getMessage());
    assertTrue(
        g.getMessage().contains("truncated")
            || g.getMessage().contains("more than one Java" + " array"),
        g.getMessage());
  }

  @Test
  void aLabelsHeaderDeclaringMoreLabelsThanTheFileHoldsIsRefused() throws IOException {
    byte[] labels = labelFile(new byte[] {1, 2, 3});
    labels[4] = 0; // declared count 0x00989680 = 10,000,000
    labels[5] = (byte) 0x98;
    labels[6] = (byte) 0x96;
    labels[7] = (byte) 0x80;
    Path file = Files.write(dir.resolve("lying-labels"), labels);
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> IdxReader.readLabels(file));
    assertTrue(
        e.getMessage().contains("lying-labels") && e.getMessage().contains("10,000,000 labels"),
        e.getMessage());
  }

  private static byte[] imageFile(int declared, int pixelBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.IMAGES_MAGIC);
    out.writeInt(declared);
    out.writeInt(28);
    out.writeInt(28);
    out.write(new byte[pixelBytes]);
    return bytes.toByteArray();
  }

  private static byte[] labelFile(byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.LABELS_MAGIC);
    out.writeInt(labels.length);
    out.write(labels);
    return bytes.toByteArray();
  }

  static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }
}
