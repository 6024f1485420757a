package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A 48-megapixel phone photo of a digit (8000×6000 JPEG) through {@code recognize(Path)}: time and
 * peak heap of the SDK's path (decoded subsampled to the working size), interleaved with the
 * reference path of full-resolution decoding ({@code recognize(ImageDecoder.create().decode(…))}),
 * each round in a fresh JVM with the same heap limit.
 *
 * <pre>
 * java -Xmx2g -cp mnist-benchmarks/target/benchmarks.jar \
 *     io.github.mnistkit.benchmarks.LargePhotoBenchmark [rounds=3] [heap=2g]
 * </pre>
 *
 * Target (issue 9): at most 1.5 s and 300 MB of heap for the SDK's path. Run it with heap=300m to
 * see the SDK's path fit where the full-size decode fails.
 */
public final class LargePhotoBenchmark {
  private static final int WIDTH = 8000;
  private static final int HEIGHT = 6000;
  private static final int TIMED_CALLS = 3;

  private LargePhotoBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--measure")) {
      measure(args[1], Path.of(args[2]));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String heap = args.length > 1 ? args[1] : "2g";
    Path photo = Files.createTempFile("photo-48mp", ".jpg");
    try {
      IdxDataset test = BenchmarkData.testSet();
      Files.write(photo, phonePhoto(test, 0));
      System.out.printf(
          Locale.ROOT,
          "photo: %dx%d JPEG, %,d bytes, digit %d; heap limit %s%n",
          WIDTH,
          HEIGHT,
          Files.size(photo),
          test.label(0),
          heap);
      List<double[]> sdk = new ArrayList<>();
      List<double[]> full = new ArrayList<>();
      for (int round = 0; round < rounds; round++) { // interleaved: A B A B …
        sdk.add(child("sdk", photo, heap));
        full.add(child("full", photo, heap));
      }
      report("sdk (subsampled decode)", sdk);
      report("reference (full-size decode)", full);
    } finally {
      Files.deleteIfExists(photo);
    }
  }

  /** Runs one round in a fresh JVM; returns {median seconds, min, max, peak heap MB, digit}. */
  private static double[] child(String mode, Path photo, String heap) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                LargePhotoBenchmark.class.getName(),
                "--measure",
                mode,
                photo.toString())
            .redirectErrorStream(true)
            .start();
    String last = null;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println("  [" + mode + "] " + line);
        last = line;
      }
    }
    if (process.waitFor() != 0 || last == null || !last.startsWith("result ")) {
      System.out.println("  [" + mode + "] failed (exit " + process.exitValue() + ")");
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1};
    }
    return Arrays.stream(last.substring(7).split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static void measure(String mode, Path photo) throws IOException {
    try (DigitRecognizer recognizer = DigitRecognizer.builder().threads(1).build()) {
      byte[] warmUp = BenchmarkData.paperJpeg(BenchmarkData.testSet(), 0, 1500);
      for (int i = 0; i < 3; i++) {
        recognizer.recognize(warmUp);
      }
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      double[] seconds = new double[TIMED_CALLS];
      int digit = -1;
      for (int i = 0; i < TIMED_CALLS; i++) {
        long start = System.nanoTime();
        digit =
            mode.equals("sdk")
                ? recognizer.recognize(photo).digit()
                : recognizer.recognize(ImageDecoder.create().decode(photo)).digit();
        seconds[i] = (System.nanoTime() - start) / 1e9;
      }
      Arrays.sort(seconds);
      System.out.printf(
          Locale.ROOT,
          "result %.3f %.3f %.3f %d %d%n",
          seconds[TIMED_CALLS / 2],
          seconds[0],
          seconds[TIMED_CALLS - 1],
          peakHeapMegabytes(),
          digit);
    }
  }

  /** Sum of the heap pools' peaks since the reset: an upper bound of the peak heap in use. */
  private static long peakHeapMegabytes() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  private static void report(String name, List<double[]> rounds) {
    double[] medians = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
    double[] peaks = rounds.stream().mapToDouble(r -> r[3]).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%-30s time median %.3f s (rounds %.3f–%.3f s); peak heap median %.0f MB (%.0f–%.0f MB);"
            + " digits %s%n",
        name,
        medians[medians.length / 2],
        medians[0],
        medians[medians.length - 1],
        peaks[peaks.length / 2],
        peaks[0],
        peaks[peaks.length - 1],
        Arrays.toString(rounds.stream().mapToInt(r -> (int) r[4]).toArray()));
  }

  /**
   * Dark-blue ink on paper lit unevenly from the left, with sensor noise, the digit 3,600 px high:
   * what a phone camera delivers for a digit written on a sheet.
   */
  static byte[] phonePhoto(IdxDataset data, int index) {
    BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Random noise = new Random(42);
    int[] row = new int[WIDTH];
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int light = 150 + 90 * x / WIDTH + (int) (noise.nextGaussian() * 8);
        int v = Math.max(0, Math.min(255, light));
        row[x] = v << 16 | v << 8 | Math.min(255, v + 6);
      }
      page.setRGB(0, y, WIDTH, 1, row, 0, WIDTH);
    }
    BufferedImage ink = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
    byte[] bytes = data.imageBytes(index);
    for (int i = 0; i < bytes.length; i++) {
      ink.setRGB(i % 28, i / 28, (bytes[i] & 0xFF) << 24 | 0x1E2A6E);
    }
    Graphics2D g = page.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setColor(Color.WHITE);
    g.drawImage(ink, 2200, 1200, 3600, 3600, null);
    g.dispose();
    return jpeg(page, 0.92f);
  }

  /** Quality 0.92 with sensor noise: about the size of a real 48 MP phone JPEG (10–20 MB). */
  private static byte[] jpeg(BufferedImage image, float quality) {
    javax.imageio.ImageWriter writer =
        javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (javax.imageio.stream.ImageOutputStream out =
        javax.imageio.ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
