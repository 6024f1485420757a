package io.github.mnistkit.spark.bench;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.sdk.image.ImageDecoder;
import io.github.mnistkit.spark.FixtureDigits;
import io.github.mnistkit.spark.job.JobOptions;
import io.github.mnistkit.spark.job.JobSummary;
import io.github.mnistkit.spark.job.RecognizeImagesJob;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the Spark job against the plain SDK over the same PNG files, interleaved in one run
 * (not a test: see docs/spark.md for the command and the numbers).
 *
 * <p>Variants, each over all files, decode included: {@code sdk-1} one thread, {@code recognizeAll}
 * per batch of 64 (the per-core reference; listing the folder included, as in the job); {@code
 * sdk-2} the same with two threads sharing one recognizer (what two cores give without Spark);
 * {@code spark-local[1]} and {@code spark-local[2]} the job ({@code binaryFile} in, Parquet out);
 * {@code parquet-local[1|2]} the job over a Parquet table of the same PNG bytes. Every variant runs
 * once untimed to warm up, then {@code repeats} rounds of all variants in turn.
 *
 * <p>Arguments: {@code --data DIR} (MNIST t10k files; default the fixture), {@code --copies N}
 * (images = t10k size × N; default 5), {@code --repeats N} (default 3), {@code --work DIR} (where
 * the PNG files are written once; default {@code target/spark-bench}), {@code --variants a,b}
 * (default all six).
 */
public final class SparkThroughputBenchmark {
  private static final int BATCH = 64;
  private static final List<String> VARIANTS =
      List.of(
          "sdk-1",
          "sdk-2",
          "spark-local[1]",
          "spark-local[2]",
          "parquet-local[1]",
          "parquet-local[2]");

  private final List<Path> files;
  private final Path work;
  private SparkSession spark;
  private String sparkMaster;

  private SparkThroughputBenchmark(List<Path> files, Path work) {
    this.files = files;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path data = Path.of(options.getOrDefault("data", FixtureDigits.DIRECTORY.toString()));
    int copies = Integer.parseInt(options.getOrDefault("copies", "5"));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
    Path work = Path.of(options.getOrDefault("work", "target/spark-bench")).toAbsolutePath();
    IdxDataset test =
        IdxReader.read(
            data.resolve("t10k-images-idx3-ubyte.gz"), data.resolve("t10k-labels-idx1-ubyte.gz"));
    List<Path> files = writeOnce(test, copies, work.resolve("png"));
    System.out.printf(
        "%,d PNG files in %s; %d cores; Java %s%n",
        files.size(),
        work,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    List<String> variants =
        List.of(options.getOrDefault("variants", String.join(",", VARIANTS)).split(","));
    new SparkThroughputBenchmark(files, work).run(variants, repeats);
  }

  private void run(List<String> variants, int repeats) throws Exception {
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> perCpuSecond = new LinkedHashMap<>();
    for (String variant : variants) {
      rates.put(variant, new ArrayList<>());
      perCpuSecond.put(variant, new ArrayList<>());
      System.out.printf("warm-up %s: %,.0f images/s%n", variant, measure(variant));
    }
    for (int round = 1; round <= repeats; round++) {
      for (String variant : variants) {
        long cpuBefore = processCpuNanos();
        double rate = measure(variant);
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        rates.get(variant).add(rate);
        perCpuSecond.get(variant).add(files.size() / cpuSeconds);
        System.out.printf(
            "round %d %s: %,.0f images/s, %,.0f images per CPU-second%n",
            round, variant, rate, files.size() / cpuSeconds);
      }
    }
    stopSpark();
    System.out.println("\nWall-clock throughput");
    report(rates);
    System.out.println(
        "\nImages per CPU-second of the whole JVM (driver, executor, GC, JIT; less"
            + " sensitive to other processes on the machine; includes each run's untimed summary)");
    report(perCpuSecond);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private double measure(String variant) throws Exception {
    return switch (variant) {
      case "sdk-1" -> plainSdk(1);
      case "sdk-2" -> plainSdk(2);
      case "spark-local[1]" -> sparkJob("local[1]");
      case "spark-local[2]" -> sparkJob("local[2]");
      case "parquet-local[1]" -> sparkParquetJob("local[1]");
      case "parquet-local[2]" -> sparkParquetJob("local[2]");
      default -> throw new IllegalArgumentException(variant);
    };
  }

  /** The plain SDK: read, decode, one recognizeAll per batch of 64, on {@code threads} threads. */
  private double plainSdk(int threads) throws Exception {
    try (DigitRecognizer recognizer = DigitRecognizer.builder().threads(1).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long start = System.nanoTime();
      List<Path> listed = listPngs(work.resolve("png")); // the Spark job lists the folder too
      List<Future<Integer>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int size = listed.size();
        List<Path> share = listed.subList(size * t / threads, size * (t + 1) / threads);
        parts.add(pool.submit(() -> recogniseAll(recognizer, share)));
      }
      int recognised = 0;
      for (Future<Integer> part : parts) {
        recognised += part.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      check(recognised);
      return recognised / seconds;
    }
  }

  private static int recogniseAll(DigitRecognizer recognizer, List<Path> share) throws IOException {
    ImageDecoder decoder = ImageDecoder.create();
    int recognised = 0;
    for (int start = 0; start < share.size(); start += BATCH) {
      List<BufferedImage> batch = new ArrayList<>(BATCH);
      for (Path file : share.subList(start, Math.min(share.size(), start + BATCH))) {
        batch.add(decoder.decode(Files.readAllBytes(file)));
      }
      for (Recognition r : recognizer.recognizeAll(batch)) {
        recognised += r.hasDigit() ? 1 : 0;
      }
    }
    return recognised;
  }

  private double sparkJob(String master) {
    SparkSession session = spark(master);
    JobSummary summary =
        RecognizeImagesJob.run(
            session,
            JobOptions.parse(
                "--input",
                work.resolve("png").toString(),
                "--recursive",
                "--output",
                work.resolve("out").toString(),
                "--overwrite",
                "--batch-size",
                Integer.toString(BATCH)));
    check(summary.images() - summary.noDigit() - summary.errors());
    return summary.images() / summary.seconds();
  }

  /** The job over a Parquet table holding the same PNG bytes (written once, 16 files). */
  private double sparkParquetJob(String master) {
    SparkSession session = spark(master);
    Path table = work.resolve("table");
    if (!Files.exists(table.resolve("_SUCCESS"))) {
      session
          .read()
          .format("binaryFile")
          .option("recursiveFileLookup", "true")
          .load(work.resolve("png").toString())
          .select("path", "content")
          .repartition(16)
          .write()
          .mode("overwrite")
          .parquet(table.toString());
    }
    JobSummary summary =
        RecognizeImagesJob.run(
            session,
            JobOptions.parse(
                "--input",
                table.toString(),
                "--input-format",
                "parquet",
                "--output",
                work.resolve("out").toString(),
                "--overwrite",
                "--batch-size",
                Integer.toString(BATCH)));
    check(summary.images() - summary.noDigit() - summary.errors());
    return summary.images() / summary.seconds();
  }

  private SparkSession spark(String master) {
    if (!master.equals(sparkMaster)) {
      stopSpark();
      spark =
          SparkSession.builder()
              .master(master)
              .appName("mnist-spark benchmark")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      sparkMaster = master;
    }
    return spark;
  }

  private void stopSpark() {
    if (spark != null) {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
      spark = null;
      sparkMaster = null;
    }
  }

  private void check(long recognised) {
    if (recognised != files.size()) {
      throw new IllegalStateException(recognised + " of " + files.size() + " images recognised");
    }
  }

  private static void report(Map<String, List<Double>> rates) {
    System.out.println("| variant | median | min – max | runs |");
    System.out.println("|---|---:|---:|---|");
    Map<String, Double> medians = new LinkedHashMap<>();
    rates.forEach(
        (variant, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          double median = sorted[sorted.length / 2];
          if (sorted.length % 2 == 0) {
            median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
          }
          medians.put(variant, median);
          System.out.printf(
              "| %s | %,.0f | %,.0f – %,.0f | %s |%n",
              variant,
              median,
              sorted[0],
              sorted[sorted.length - 1],
              values.stream().map(v -> String.format("%,.0f", v)).toList());
        });
    System.out.println();
    ratio(medians, "spark-local[1]", "sdk-1", "per core, PNG files");
    ratio(medians, "parquet-local[1]", "sdk-1", "per core, Parquet table");
    ratio(medians, "spark-local[2]", "spark-local[1]", "2-core scaling, PNG files");
    ratio(medians, "parquet-local[2]", "parquet-local[1]", "2-core scaling, Parquet table");
    ratio(medians, "sdk-2", "sdk-1", "what 2 cores give without Spark");
  }

  private static void ratio(Map<String, Double> medians, String a, String b, String what) {
    if (medians.containsKey(a) && medians.containsKey(b)) {
      System.out.printf("%s / %s (%s): %.2f%n", a, b, what, medians.get(a) / medians.get(b));
    }
  }

  /**
   * MNIST test × copies as PNG files in {@code copies} folders of 10 sub-folders; kept for reruns.
   */
  private static List<Path> writeOnce(IdxDataset test, int copies, Path folder) throws IOException {
    Path done = folder.resolve("../png-" + test.size() * copies + ".done").normalize();
    if (!Files.exists(done)) {
      if (Files.exists(folder)) {
        try (Stream<Path> old = Files.walk(folder)) {
          old.sorted((a, b) -> b.compareTo(a)).forEach(SparkThroughputBenchmark::delete);
        }
      }
      for (int copy = 0; copy < copies; copy++) {
        for (int i = 0; i < test.size(); i++) {
          Path file =
              folder
                  .resolve("copy-" + copy)
                  .resolve("part-" + (i % 10))
                  .resolve(String.format("%05d.png", i));
          Files.createDirectories(file.getParent());
          Files.write(file, FixtureDigits.png(test, i));
        }
      }
      Files.writeString(done, "");
    }
    return listPngs(folder);
  }

  private static List<Path> listPngs(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(p -> p.toString().endsWith(".png")).toList();
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: " + Arrays.toString(args));
    }
    return options;
  }
}
