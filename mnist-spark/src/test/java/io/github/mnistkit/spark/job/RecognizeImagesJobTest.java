package io.github.mnistkit.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.spark.FixtureDigits;
import io.github.mnistkit.spark.RecognitionMode;
import io.github.mnistkit.spark.SparkTestSession;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job, run in-process against a real local[2] session. */
class RecognizeImagesJobTest {
  private static final int IMAGES = 200;
  private static SparkSession spark;
  private static DigitRecognizer plainSdk;

  @TempDir static Path folder;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
    plainSdk = DigitRecognizer.createDefault();
  }

  @AfterAll
  static void stop() {
    plainSdk.close();
  }

  @Test
  void folderOfImagesToParquetMatchesThePlainSdkAndCountsErrors() throws IOException {
    Path images = folder.resolve("images");
    List<Path> files = FixtureDigits.writePngs(images.resolve("a"), IMAGES);
    Files.writeString(images.resolve("a").resolve("broken.png"), "not a png");
    Files.write(images.resolve("a").resolve("skipped.txt"), FixtureDigits.png(0));
    Path output = folder.resolve("out-parquet");

    JobSummary summary =
        RecognizeImagesJob.run(
            spark,
            JobOptions.parse(
                "--input",
                images.toString(),
                "--recursive",
                "--pattern",
                "*.png",
                "--output",
                output.toString(),
                "--batch-size",
                "50"));

    assertEquals(IMAGES + 1, summary.images());
    assertEquals(1, summary.errors());
    Map<Integer, Long> expectedCounts = new HashMap<>();
    Map<String, Integer> expected = new HashMap<>();
    Map<String, String> verdicts = new HashMap<>();
    long noDigit = 0;
    for (Path file : files) {
      Recognition r = plainSdk.recognize(file);
      expected.put(file.getFileName().toString(), r.hasDigit() ? r.digit() : null);
      verdicts.put(file.getFileName().toString(), r.verdict().name());
      if (r.hasDigit()) {
        expectedCounts.merge(r.digit(), 1L, Long::sum);
      } else {
        noDigit++;
      }
    }
    assertEquals(expectedCounts, summary.counts());
    assertEquals(noDigit, summary.noDigit());

    List<Row> rows = spark.read().parquet(output.toString()).collectAsList();
    assertEquals(
        List.of("path", "digit", "confidence", "hasDigit", "verdict", "number", "error"),
        List.of(spark.read().parquet(output.toString()).columns()));
    assertEquals(
        RecognizeImagesJob.OUTPUT_COLUMNS,
        List.of(spark.read().parquet(output.toString()).columns()));
    for (Row row : rows) {
      String name = Path.of(URI.create(row.getAs("path"))).getFileName().toString();
      if (name.equals("broken.png")) {
        assertNotNull(row.getAs("error"));
        assertNull(row.getAs("digit"));
      } else {
        assertNull(row.getAs("error"), name);
        assertEquals(expected.get(name), row.<Integer>getAs("digit"), name);
        assertEquals(verdicts.get(name), row.getAs("verdict"), name);
      }
    }
    String printed = summary.format(false);
    assertTrue(printed.contains("images: 201"), printed);
    assertTrue(printed.contains("errors: 1"), printed);
  }

  @Test
  void parquetTableToCsv() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      rows.add(RowFactory.create((long) i, FixtureDigits.png(i)));
    }
    rows.add(RowFactory.create(-1L, new byte[] {1, 2, 3}));
    StructType schema =
        new StructType().add("id", DataTypes.LongType).add("png", DataTypes.BinaryType);
    String table = folder.resolve("table").toString();
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(table);
    Path output = folder.resolve("out-csv");

    JobSummary summary =
        RecognizeImagesJob.run(
            spark,
            JobOptions.parse(
                "--input",
                table,
                "--input-format",
                "parquet",
                "--bytes-column",
                "png",
                "--path-column",
                "id",
                "--output",
                output.toString(),
                "--output-format",
                "csv"));

    assertEquals(IMAGES + 1, summary.images());
    assertEquals(1, summary.errors());
    List<Row> written =
        spark.read().option("header", "true").csv(output.toString()).collectAsList();
    assertEquals(IMAGES + 1, written.size());
    int correct = 0;
    for (Row row : written) {
      int id = Integer.parseInt(row.getAs("path"));
      if (id < 0) {
        assertNotNull(row.getAs("error"));
        assertNull(row.getAs("verdict"));
        continue;
      }
      String digitColumn = row.getAs("digit");
      int digit = digitColumn == null ? Recognition.NO_DIGIT : Integer.parseInt(digitColumn);
      Recognition expected = plainSdk.recognize(FixtureDigits.png(id));
      assertEquals(expected.digit(), digit, "id " + id);
      assertEquals(expected.verdict().name(), row.getAs("verdict"), "id " + id);
      correct += digit == FixtureDigits.label(id) ? 1 : 0;
    }
    assertTrue(correct >= IMAGES * 0.97, correct + "/" + IMAGES);
  }

  @Test
  void numberModeSummaryCountsNumbersByLength() throws IOException {
    Path images = Files.createDirectories(folder.resolve("numbers"));
    Files.write(images.resolve("n1.png"), FixtureDigits.numberPng(0, 1, 2));
    Files.write(images.resolve("n2.png"), FixtureDigits.numberPng(3, 4, 5, 6));
    JobSummary summary =
        RecognizeImagesJob.run(
            spark,
            JobOptions.parse(
                "--input",
                images.toString(),
                "--mode",
                "number",
                "--output",
                folder.resolve("out-numbers").toString()));
    assertEquals(2, summary.images());
    assertEquals(0, summary.errors());
    String expected = plainSdk.readNumber(FixtureDigits.numberPng(0, 1, 2)).text();
    Row row =
        spark
            .read()
            .parquet(folder.resolve("out-numbers").toString())
            .filter("path like '%n1.png'")
            .first();
    assertEquals(expected, row.getAs("number"));
    assertTrue(summary.format(true).contains("numbers by length:"));
  }

  @Test
  void missingModelFailsBeforeAnyTaskAndWritesNothing() {
    Path output = folder.resolve("never-written");
    String group = "job-missing-model-" + System.nanoTime();
    spark.sparkContext().setJobGroup(group, "must stay empty", false);
    try {
      InvalidModelException e =
          assertThrows(
              InvalidModelException.class,
              () ->
                  RecognizeImagesJob.run(
                      spark,
                      JobOptions.parse(
                          "--input",
                          folder.toString(),
                          "--output",
                          output.toString(),
                          "--model",
                          "hdfs-typo/model.onnx")));
      assertTrue(e.getMessage().contains("hdfs-typo/model.onnx"), e.getMessage());
      assertEquals(0, spark.sparkContext().statusTracker().getJobIdsForGroup(group).length);
      assertTrue(Files.notExists(output));
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  @Test
  void badCommandLinesSayWhatIsWrong() {
    IllegalArgumentException noOutput =
        assertThrows(IllegalArgumentException.class, () -> JobOptions.parse("--input", "x"));
    assertTrue(noOutput.getMessage().contains("--output"));
    IllegalArgumentException badMode =
        assertThrows(
            IllegalArgumentException.class,
            () -> JobOptions.parse("--input", "x", "--output", "y", "--mode", "letters"));
    assertTrue(badMode.getMessage().contains("letters"));
    IllegalArgumentException badBatch =
        assertThrows(
            IllegalArgumentException.class,
            () -> JobOptions.parse("--input", "x", "--output", "y", "--batch-size", "0"));
    assertTrue(badBatch.getMessage().contains("--batch-size"));
    assertEquals(
        RecognitionMode.NUMBER,
        JobOptions.parse("--input", "x", "--output", "y", "--mode", "NUMBER").mode());
  }
}
