package io.github.mnistkit.sdk.evaluation;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Evaluation sets for reading rows of digits and refusing non-digits, generated deterministically
 * from a seed out of MNIST <em>test</em> digits (never training digits) and font renderings. Used
 * by the SDK's floor tests (on the committed fixture) and by the {@code ReadingBenchmark} command
 * (on the full MNIST test set).
 */
public final class EvaluationSets {
  /** Where the Debian package dataset-fashion-mnist puts the Fashion-MNIST files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private final IdxDataset digits;
  private final IdxDataset fashion;

  private EvaluationSets(IdxDataset digits, IdxDataset fashion) {
    this.digits = digits;
    this.fashion = fashion;
  }

  /**
   * Sets drawn from the MNIST test files in {@code mnistDirectory}; Fashion-MNIST pictures join the
   * non-digits when its test files are installed in {@link #FASHION_MNIST}.
   */
  public static EvaluationSets fromMnistTest(Path mnistDirectory) {
    return new EvaluationSets(readTest(mnistDirectory), fashionIfInstalled());
  }

  /** Without Fashion-MNIST pictures, whatever is installed. */
  public static EvaluationSets fromMnistTestWithoutPictures(Path mnistDirectory) {
    return new EvaluationSets(readTest(mnistDirectory), null);
  }

  public boolean hasPictures() {
    return fashion != null;
  }

  public IdxDataset digits() {
    return digits;
  }

  /** An image of a row of digits and the string it shows. */
  public record Row(BufferedImage image, String text) {}

  /** One image that shows a single digit ({@code label} 0–9) or none ({@code label} -1). */
  public record Sample(BufferedImage image, int label, String kind) {}

  /** Rows of 3–6 digits with clear gaps, black ink on white, mild size and slant variation. */
  public List<Row> separatedRows(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RowLayout layout = RowLayout.separated(random, pickDigits(random), 40 + random.nextInt(25));
      rows.add(new Row(layout.draw().render(0xFFFFFF, darkInk(random)), layout.text()));
    }
    return rows;
  }

  /**
   * Rows whose neighbours touch or overlap by 0–30% of the narrower width, widths squeezed or
   * stretched by 0.5–1.3 and slanted by up to ±0.3.
   */
  public List<Row> touchingRows(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RowLayout layout = RowLayout.touching(random, pickDigits(random), 40 + random.nextInt(25));
      rows.add(new Row(layout.draw().render(0xFFFFFF, darkInk(random)), layout.text()));
    }
    return rows;
  }

  /**
   * Separated rows written in blue ink on ruled notebook paper and photographed: tinted paper,
   * ruling lines crossing the digits, sometimes a red margin line, an uneven light gradient, sensor
   * noise, mild blur, JPEG compression (the returned image is the decoded JPEG).
   */
  public List<Row> ruledPhotos(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RowLayout layout = RowLayout.separated(random, pickDigits(random), 40 + random.nextInt(30));
      rows.add(new Row(NotebookPhoto.photograph(layout, random), layout.text()));
    }
    return rows;
  }

  /** Single MNIST test digits, black on white at 2–4× size, in dataset order from {@code from}. */
  public List<Sample> singleDigits(int from, int count) {
    List<Sample> samples = new ArrayList<>(count);
    for (int i = from; i < Math.min(digits.size(), from + count); i++) {
      int scale = 2 + i % 3;
      InkCanvas canvas = new InkCanvas(28 * scale, 28 * scale);
      byte[] bytes = digits.imageBytes(i);
      int[] box = InkCanvas.inkBox(bytes);
      canvas.stamp(bytes, box[0] * scale, box[1] * scale, (box[3] - box[1] + 1) * scale, 1, 0);
      samples.add(new Sample(canvas.render(0xFFFFFF, 0x101010), digits.label(i), "mnist-digit"));
    }
    return samples;
  }

  /**
   * Images that hold no digit: letters and symbols from the JDK's and the system's fonts with
   * distortion, scribbles, hatching, blots, struck-out marks, and Fashion-MNIST pictures when
   * installed. The kinds take turns.
   */
  public List<Sample> nonDigits(int count, long seed) {
    Random random = new Random(seed);
    List<NonDigits.Kind> kinds = new ArrayList<>(List.of(NonDigits.Kind.values()));
    if (fashion == null) {
      kinds.remove(NonDigits.Kind.PICTURE);
    }
    NonDigits maker = new NonDigits(digits, fashion);
    List<Sample> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      NonDigits.Kind kind = kinds.get(i % kinds.size());
      samples.add(new Sample(maker.draw(kind, random), -1, kind.label()));
    }
    return samples;
  }

  private List<byte[]> pickDigits(Random random) {
    int n = 3 + random.nextInt(4);
    List<byte[]> picked = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int index = random.nextInt(digits.size());
      picked.add(withLabel(digits.imageBytes(index), digits.label(index)));
    }
    return picked;
  }

  /** The 784 pixel bytes followed by the label, so a layout carries both. */
  private static byte[] withLabel(byte[] pixels, int label) {
    byte[] out = java.util.Arrays.copyOf(pixels, 785);
    out[784] = (byte) label;
    return out;
  }

  private static int darkInk(Random random) {
    int v = random.nextInt(50);
    return v << 16 | v << 8 | Math.min(255, v + random.nextInt(20));
  }

  private static IdxDataset readTest(Path directory) {
    return IdxReader.read(
        directory.resolve("t10k-images-idx3-ubyte.gz"),
        directory.resolve("t10k-labels-idx1-ubyte.gz"));
  }

  private static IdxDataset fashionIfInstalled() {
    Path images = FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
    Path labels = FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz");
    return Files.isReadable(images) && Files.isReadable(labels)
        ? IdxReader.read(images, labels)
        : null;
  }
}
