package io.github.mnistkit.spark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;

import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.spark.DigitRecognizerTransformer;
import io.github.mnistkit.spark.RecognitionMode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The ready-made job: recognise every image of a folder (or a Parquet table of image bytes) and
 * write {@code path, digit, confidence, hasDigit, verdict, number, error} as Parquet or CSV, then
 * print a summary. Run it with {@code spark-submit --class
 * io.github.mnistkit.spark.job.RecognizeImagesJob mnist-spark-<version>-job.jar --input … --output
 * …}; see docs/spark.md.
 */
public final class RecognizeImagesJob {
  /** The columns written, in this order. */
  public static final List<String> OUTPUT_COLUMNS =
      List.of("path", "digit", "confidence", "hasDigit", "verdict", "number", "error");

  /**
   * Small files: Spark's default cost of opening a file (4 MB) packs only ~32 digit images into a
   * partition, so the tasks' fixed cost dominates. Used unless the user set the option.
   */
  static final String OPEN_COST = "spark.sql.files.openCostInBytes";

  static final long OPEN_COST_FOR_IMAGES = 64L << 10;

  private RecognizeImagesJob() {}

  public static void main(String[] args) {
    JobOptions options;
    try {
      options = JobOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSession.builder().appName("mnist-kit recognize images").getOrCreate();
    try {
      JobSummary summary = run(spark, options);
      System.out.print(summary.format(options.mode() == RecognitionMode.NUMBER));
    } catch (MnistKitException e) {
      System.err.println("mnist-kit: " + e.getMessage());
      spark.stop();
      System.exit(1);
    }
    spark.stop();
  }

  /** Runs the job in {@code spark} (which it does not stop) and returns its summary. */
  public static JobSummary run(SparkSession spark, JobOptions options) {
    DigitRecognizerTransformer recognizer =
        new DigitRecognizerTransformer()
            .setInputCol("content")
            .setModelPath(options.model())
            .setMode(options.mode())
            .setBatchSize(options.batchSize())
            .setThreads(options.threads());
    recognizer.checkModel(spark); // fails on the driver before any input is listed or read
    long start = System.nanoTime();
    Dataset<Row> results =
        recognizer.transform(input(spark, options)).select(columns(OUTPUT_COLUMNS));
    results
        .write()
        .mode(options.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
        .format(options.outputFormat())
        .option("header", "true")
        .save(options.output());
    double seconds = (System.nanoTime() - start) / 1e9;
    return summarise(spark, options, seconds);
  }

  private static Dataset<Row> input(SparkSession spark, JobOptions options) {
    if (options.inputFormat().equals("parquet")) {
      Dataset<Row> table = spark.read().parquet(options.input());
      List<String> columns = Arrays.asList(table.columns());
      for (String wanted : List.of(options.bytesColumn(), options.pathColumn())) {
        if (!columns.contains(wanted)) {
          throw new IllegalArgumentException(
              "The table "
                  + options.input()
                  + " has no column '"
                  + wanted
                  + "'; its columns are "
                  + columns
                  + ". Name the right ones with --bytes-column and --path-column.");
        }
      }
      return table.select(
          col(options.pathColumn()).cast(DataTypes.StringType).as("path"),
          col(options.bytesColumn()).as("content"));
    }
    if (!spark.conf().contains(OPEN_COST)) {
      spark.conf().set(OPEN_COST, OPEN_COST_FOR_IMAGES);
    }
    DataFrameReader reader = spark.read().format("binaryFile");
    if (options.pattern() != null) {
      reader.option("pathGlobFilter", options.pattern());
    }
    if (options.recursive()) {
      reader.option("recursiveFileLookup", "true");
    }
    return reader.load(options.input()).select("path", "content");
  }

  private static JobSummary summarise(SparkSession spark, JobOptions options, double seconds) {
    Dataset<Row> written = read(spark, options);
    boolean numbers = options.mode() == RecognitionMode.NUMBER;
    Column key = numbers ? length(col("number")) : col("digit");
    Map<Integer, Long> counts = new HashMap<>();
    long images = 0;
    long noDigit = 0;
    long errors = 0;
    List<Row> groups =
        written
            .groupBy(key.as("key"), col("hasDigit"), col("error").isNotNull().as("failed"))
            .agg(count("*").as("n"))
            .collectAsList();
    for (Row group : groups) {
      long n = group.getLong(3);
      images += n;
      if (group.getBoolean(2)) {
        errors += n;
      } else if (!group.isNullAt(1) && !group.getBoolean(1)) {
        noDigit += n;
      } else if (!group.isNullAt(0)) {
        counts.merge(group.getInt(0), n, Long::sum);
      }
    }
    return new JobSummary(images, counts, noDigit, errors, seconds);
  }

  private static Dataset<Row> read(SparkSession spark, JobOptions options) {
    if (options.outputFormat().equals("csv")) {
      StructType schema =
          new StructType()
              .add("path", DataTypes.StringType)
              .add("digit", DataTypes.IntegerType)
              .add("confidence", DataTypes.FloatType)
              .add("hasDigit", DataTypes.BooleanType)
              .add("verdict", DataTypes.StringType)
              .add("number", DataTypes.StringType)
              .add("error", DataTypes.StringType);
      return spark.read().schema(schema).option("header", "true").csv(options.output());
    }
    return spark.read().parquet(options.output());
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(name -> col(name)).toArray(Column[]::new);
  }
}
