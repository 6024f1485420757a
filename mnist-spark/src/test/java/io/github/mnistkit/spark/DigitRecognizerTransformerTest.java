package io.github.mnistkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.testing.RefusingModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transformer in a real local[2] Spark session over real MNIST fixture digits. */
class DigitRecognizerTransformerTest {
  private static final int IMAGES = 300;
  private static final StructType BYTES_TABLE =
      new StructType().add("path", DataTypes.StringType).add("image", DataTypes.BinaryType);

  private static SparkSession spark;
  private static DigitRecognizer plainSdk;
  private static Dataset<Row> table;

  @TempDir static Path folder;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.get();
    plainSdk = DigitRecognizer.createDefault();
    table = parquetTable("bytes", IMAGES);
  }

  @AfterAll
  static void stop() {
    plainSdk.close();
  }

  /** A Parquet table (path, image bytes) of the first {@code count} fixture digits, 4 files. */
  private static Dataset<Row> parquetTable(String name, int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(RowFactory.create("digit-" + i, FixtureDigits.png(i)));
    }
    String table = folder.resolve(name).toString();
    spark.createDataFrame(rows, BYTES_TABLE).repartition(4).write().parquet(table);
    return spark.read().parquet(table);
  }

  private static Map<String, Row> byPath(Dataset<Row> results) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : results.collectAsList()) {
      rows.put(row.getAs("path"), row);
    }
    return rows;
  }

  private static int index(Row row) {
    return Integer.parseInt(row.<String>getAs("path").substring("digit-".length()));
  }

  @Test
  void parquetBytesTableGivesThePlainSdkAnswerRowForRow() {
    DigitRecognizerTransformer transformer =
        new DigitRecognizerTransformer().setInputCol("image").setBatchSize(32);
    Map<String, Row> results = byPath(transformer.transform(table));

    assertEquals(IMAGES, results.size());
    int correct = 0;
    for (int i = 0; i < IMAGES; i++) {
      Row row = results.get("digit-" + i);
      Recognition expected = plainSdk.recognize(FixtureDigits.png(i));
      assertNull(row.getAs("error"), "digit-" + i);
      assertEquals(digitColumn(expected), row.<Integer>getAs("digit"), "digit-" + i);
      assertEquals(expected.confidence(), row.<Float>getAs("confidence"), 1e-4, "digit-" + i);
      assertEquals(expected.hasDigit(), row.<Boolean>getAs("hasDigit"), "digit-" + i);
      assertEquals(expected.verdict().name(), row.getAs("verdict"), "digit-" + i);
      assertNull(row.getAs("number"));
      assertEquals(
          expected.hasDigit() ? 1 : 0, row.getList(row.fieldIndex("boxes")).size(), "digit-" + i);
      assertEquals(plainSdk.modelInfo().source(), row.getAs("model"));
      correct += expected.digit() == FixtureDigits.label(i) ? 1 : 0;
    }
    assertTrue(correct >= IMAGES * 0.97, "accuracy " + correct + "/" + IMAGES);
  }

  @Test
  void pathColumnReadsTheFilesThemselves() throws IOException {
    List<Path> files = FixtureDigits.writePngs(folder.resolve("png-by-path"), 60);
    List<Row> rows = new ArrayList<>();
    for (Path file : files) {
      rows.add(RowFactory.create(file.toUri().toString()));
    }
    rows.add(RowFactory.create(folder.resolve("missing.png").toString()));
    rows.add(RowFactory.create(Files.write(folder.resolve("empty.png"), new byte[0]).toString()));
    rows.add(RowFactory.create((Object) null));
    StructType schema = new StructType().add("file", DataTypes.StringType);
    Dataset<Row> input = spark.createDataFrame(rows, schema).repartition(2);

    List<Row> results =
        new DigitRecognizerTransformer().setInputCol("file").transform(input).collectAsList();

    assertEquals(files.size() + 3, results.size());
    int errors = 0;
    for (Row row : results) {
      String file = row.getAs("file");
      if (file == null || file.endsWith("missing.png") || file.endsWith("empty.png")) {
        errors++;
        assertNotNull(row.getAs("error"));
        assertNull(row.getAs("digit"));
        continue;
      }
      Recognition expected = plainSdk.recognize(Path.of(java.net.URI.create(file)));
      assertNull(row.getAs("error"), file);
      assertEquals(digitColumn(expected), row.<Integer>getAs("digit"), file);
    }
    assertEquals(3, errors);
  }

  @Test
  void corruptFilesGetAnErrorAndTheRestIsRight() throws IOException {
    Path images = folder.resolve("with-corrupt");
    List<Path> good = FixtureDigits.writePngs(images, 40);
    byte[] png = FixtureDigits.png(0);
    Map<String, byte[]> bad = new HashMap<>();
    bad.put("truncated.png", java.util.Arrays.copyOf(png, png.length / 2));
    bad.put("notes.txt", "not an image at all".getBytes(StandardCharsets.UTF_8));
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    bad.put("noise.jpg", noise);
    bad.put("huge-header.png", hugePngHeader());
    for (var entry : bad.entrySet()) {
      Files.write(images.resolve(entry.getKey()), entry.getValue());
    }
    Files.write(images.resolve("empty.png"), new byte[0]); // binaryFile lists no empty file
    Files.write(
        images.resolve("blank.png"),
        FixtureDigits.encode(
            new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_BYTE_GRAY)));

    Dataset<Row> input = spark.read().format("binaryFile").load(images.toString());
    Map<String, Row> results = new HashMap<>();
    for (Row row : new DigitRecognizerTransformer().transform(input).collectAsList()) {
      results.put(Path.of(java.net.URI.create(row.getAs("path"))).getFileName().toString(), row);
    }

    assertEquals(good.size() + bad.size() + 1, results.size());
    assertFalse(results.containsKey("empty.png"));
    for (String name : bad.keySet()) {
      Row row = results.get(name);
      assertNotNull(row.getAs("error"), name + " should carry an error");
      assertNull(row.getAs("digit"), name);
      assertNull(row.getAs("hasDigit"), name);
      assertNull(row.getAs("verdict"), name);
    }
    for (Path file : good) {
      Row row = results.get(file.getFileName().toString());
      assertNull(row.getAs("error"), file.toString());
      assertEquals(digitColumn(plainSdk.recognize(file)), row.<Integer>getAs("digit"));
    }
    Row blank = results.get("blank.png");
    assertNull(blank.getAs("error"));
    assertFalse(blank.<Boolean>getAs("hasDigit"));
    assertEquals("BLANK", blank.getAs("verdict"));
    assertNull(blank.getAs("digit"));
  }

  /** A valid PNG signature and header declaring 100,000 × 100,000 pixels, and nothing else. */
  private static byte[] hugePngHeader() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(33);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII));
    b.putInt(100_000)
        .putInt(100_000)
        .put((byte) 8)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b.array(), 12, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  @Test
  void numberModeReadsRowsOfDigitsLikeThePlainSdk() {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < 60; r++) {
      int[] indices = new int[3 + random.nextInt(4)];
      StringBuilder label = new StringBuilder();
      for (int d = 0; d < indices.length; d++) {
        indices[d] = random.nextInt(FixtureDigits.test().size());
        label.append(FixtureDigits.label(indices[d]));
      }
      rows.add(RowFactory.create("row-" + r, FixtureDigits.numberPng(indices)));
      labels.add(label.toString());
    }
    Dataset<Row> input = spark.createDataFrame(rows, BYTES_TABLE).repartition(3);

    Map<String, Row> results =
        byPath(
            new DigitRecognizerTransformer()
                .setInputCol("image")
                .setMode(RecognitionMode.NUMBER)
                .transform(input));

    int exact = 0;
    for (int r = 0; r < rows.size(); r++) {
      Row row = results.get("row-" + r);
      DigitSequence expected = plainSdk.readNumber(rows.get(r).<byte[]>getAs(1));
      assertNull(row.getAs("error"));
      assertEquals(expected.text(), row.getAs("number"), "row-" + r);
      assertEquals(expected.minConfidence(), row.<Float>getAs("confidence"), 1e-4);
      List<Row> boxes = row.getList(row.fieldIndex("boxes"));
      assertEquals(expected.digits().size(), boxes.size());
      for (int d = 1; d < boxes.size(); d++) {
        assertTrue(
            boxes.get(d).<Integer>getAs("x") > boxes.get(d - 1).<Integer>getAs("x"),
            "boxes run left to right");
      }
      assertNull(row.getAs("digit"));
      assertEquals(
          expected.isEmpty()
              ? (expected.refused().isEmpty() ? "BLANK" : "NOT_A_DIGIT")
              : (expected.isSure() ? "DIGIT" : "UNSURE"),
          row.getAs("verdict"),
          "row-" + r);
      exact += labels.get(r).equals(row.getAs("number")) ? 1 : 0;
    }
    assertTrue(exact >= rows.size() * 0.8, "exact numbers " + exact + "/" + rows.size());
  }

  @Test
  void aModelThatRefusesGivesTheVerdictOfEachImageAndOfEachRow() throws IOException {
    Path model = Files.write(folder.resolve("refusing.onnx"), RefusingModels.byCentreInk(0.3));
    byte[] blank =
        FixtureDigits.encode(
            new java.awt.image.BufferedImage(60, 40, java.awt.image.BufferedImage.TYPE_INT_RGB));
    int zero = RefusingModels.FIXTURE_ZERO;
    int anotherZero = RefusingModels.ANOTHER_FIXTURE_ZERO;
    List<Row> rows =
        List.of(
            RowFactory.create("bar", FixtureDigits.numberWithBarsPng(-1)),
            RowFactory.create("zero", FixtureDigits.numberWithBarsPng(zero)),
            RowFactory.create("bars", FixtureDigits.numberWithBarsPng(-1, -1)),
            RowFactory.create("zeros", FixtureDigits.numberWithBarsPng(zero, anotherZero)),
            RowFactory.create(
                "zeros-and-bar", FixtureDigits.numberWithBarsPng(zero, -1, anotherZero)),
            RowFactory.create("blank", blank));
    Dataset<Row> input = spark.createDataFrame(rows, BYTES_TABLE).repartition(2);
    DigitRecognizerTransformer transformer =
        new DigitRecognizerTransformer().setInputCol("image").setModelPath(model.toString());

    Map<String, Row> digits = byPath(transformer.transform(input));
    assertEquals("NOT_A_DIGIT", digits.get("bar").getAs("verdict"));
    assertFalse(digits.get("bar").<Boolean>getAs("hasDigit"));
    assertNull(digits.get("bar").getAs("digit"));
    assertEquals("DIGIT", digits.get("zero").getAs("verdict"));
    assertEquals(RefusingModels.CENTRE_INK_DIGIT, (int) digits.get("zero").<Integer>getAs("digit"));
    assertEquals("BLANK", digits.get("blank").getAs("verdict"));

    Map<String, Row> numbers = byPath(transformer.setMode(RecognitionMode.NUMBER).transform(input));
    String three = Integer.toString(RefusingModels.CENTRE_INK_DIGIT);
    Map<String, String> expectedVerdicts =
        Map.of(
            "bars", "NOT_A_DIGIT",
            "zeros", "DIGIT",
            "zeros-and-bar", "UNSURE",
            "blank", "BLANK");
    for (var expected : expectedVerdicts.entrySet()) {
      Row row = numbers.get(expected.getKey());
      assertNull(row.getAs("error"), expected.getKey());
      assertEquals(expected.getValue(), row.getAs("verdict"), expected.getKey() + ": " + row);
    }
    assertEquals("", numbers.get("bars").getAs("number"));
    assertFalse(numbers.get("bars").<Boolean>getAs("hasDigit"));
    assertEquals(three + three, numbers.get("zeros-and-bar").getAs("number"));
    Row mixed = numbers.get("zeros-and-bar");
    assertEquals(2, mixed.getList(mixed.fieldIndex("boxes")).size());
  }

  @Test
  void savedTransformerLoadsWithItsParamsAlsoInsideAPipeline() throws IOException {
    DigitRecognizerTransformer original =
        new DigitRecognizerTransformer()
            .setInputCol("image")
            .setDigitCol("label")
            .setErrorCol("problem")
            .setVerdictCol("answer")
            .setBatchSize(17)
            .setThreads(2)
            .setMode(RecognitionMode.DIGIT);
    String path = folder.resolve("saved-transformer").toString();
    original.write().overwrite().save(path);

    DigitRecognizerTransformer loaded = DigitRecognizerTransformer.load(path);
    assertEquals(original.uid(), loaded.uid());
    assertEquals(17, loaded.getBatchSize());
    assertEquals(2, loaded.getThreads());
    assertEquals("image", loaded.getInputCol());
    assertEquals("label", loaded.getOrDefault(loaded.digitCol()));
    assertEquals("problem", loaded.getOrDefault(loaded.errorCol()));
    assertEquals("answer", loaded.getOrDefault(loaded.verdictCol()));

    Dataset<Row> input = table.limit(30);
    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {loaded}).fit(input);
    String pipelinePath = folder.resolve("saved-pipeline").toString();
    pipeline.write().overwrite().save(pipelinePath);
    Map<String, Row> results = byPath(PipelineModel.load(pipelinePath).transform(input));
    assertEquals(30, results.size());
    for (Row row : results.values()) {
      int i = index(row);
      assertEquals(
          plainSdk.recognize(FixtureDigits.png(i)).digit(), (int) row.<Integer>getAs("label"));
      assertNull(row.getAs("problem"));
    }
  }

  @Test
  void missingModelFailsOnTheDriverBeforeAnyTask() {
    Dataset<Row> input = table;
    String group = "missing-model-" + System.nanoTime();
    spark.sparkContext().setJobGroup(group, "must stay empty", false);
    String missing = folder.resolve("no-such-model.onnx").toString();
    try {
      InvalidModelException e =
          assertThrows(
              InvalidModelException.class,
              () ->
                  new DigitRecognizerTransformer()
                      .setInputCol("image")
                      .setModelPath(missing)
                      .transform(input));
      assertTrue(e.getMessage().contains(missing), e.getMessage());
      assertTrue(e.getMessage().contains("--files"), e.getMessage());
      assertEquals(0, spark.sparkContext().statusTracker().getJobIdsForGroup(group).length);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  @Test
  void fileThatIsNotAModelFailsOnTheDriver() throws IOException {
    Path notAModel = Files.writeString(folder.resolve("model.onnx"), "definitely not ONNX");
    InvalidModelException e =
        assertThrows(
            InvalidModelException.class,
            () ->
                new DigitRecognizerTransformer()
                    .setModelPath(notAModel.toString())
                    .checkModel(spark));
    assertTrue(e.getMessage().contains(notAModel.toString()), e.getMessage());
  }

  @Test
  void modelFileShippedWithTheJobIsFoundByName() throws IOException {
    Path model = folder.resolve("shipped").resolve("digits-model.onnx");
    Files.createDirectories(model.getParent());
    try (InputStream in =
        DigitRecognizer.class.getResourceAsStream("/io/github/mnistkit/sdk/default-model.onnx")) {
      Files.write(model, in.readAllBytes());
    }
    spark.sparkContext().addFile(model.toString());

    DigitRecognizerTransformer transformer =
        new DigitRecognizerTransformer().setInputCol("image").setModelPath("digits-model.onnx");
    Map<String, Row> results = byPath(transformer.transform(table.limit(20)));

    assertEquals(20, results.size());
    for (Row row : results.values()) {
      int i = index(row);
      assertEquals("digits-model.onnx", row.getAs("model"));
      assertEquals(
          plainSdk.recognize(FixtureDigits.png(i)).digit(), (int) row.<Integer>getAs("digit"));
    }
  }

  @Test
  void executorsShareOneRecognizerPerModel() {
    ModelPayload bundled = ModelPayload.bundled("bundled default model");
    assertSame(ExecutorRecognizers.get(bundled, 1), ExecutorRecognizers.get(bundled, 1));
    new DigitRecognizerTransformer().setInputCol("image").transform(table).count();
    int before = ExecutorRecognizers.size();
    new DigitRecognizerTransformer().setInputCol("image").transform(table).collectAsList();
    assertEquals(
        before, ExecutorRecognizers.size(), "a second job reuses the executor's recognizer");
  }

  @Test
  void theAppendedColumnsHaveTheirOrderAndTypes() {
    StructType schema =
        new DigitRecognizerTransformer().setInputCol("image").transformSchema(table.schema());
    assertEquals(
        List.of(
            "path",
            "image",
            "digit",
            "confidence",
            "hasDigit",
            "verdict",
            "number",
            "boxes",
            "model",
            "error"),
        List.of(schema.fieldNames()));
    assertEquals(DataTypes.StringType, schema.apply("verdict").dataType());
    assertTrue(schema.apply("verdict").nullable());
    StructType renamed =
        new DigitRecognizerTransformer()
            .setInputCol("image")
            .setVerdictCol("answer")
            .transformSchema(table.schema());
    assertEquals("answer", renamed.fieldNames()[5]);
  }

  @Test
  void schemaProblemsAreNamed() {
    Dataset<Row> input = table;
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DigitRecognizerTransformer()
                    .setInputCol("nope")
                    .transformSchema(input.schema()));
    assertTrue(missing.getMessage().contains("nope"));
    IllegalArgumentException clash =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DigitRecognizerTransformer()
                    .setInputCol("image")
                    .setDigitCol("path")
                    .transformSchema(input.schema()));
    assertTrue(clash.getMessage().contains("'path' already exists"));
  }

  /** The {@code digit} column for an answer: null when it holds no digit (blank or refused). */
  private static Integer digitColumn(Recognition answer) {
    return answer.hasDigit() ? answer.digit() : null;
  }
}
