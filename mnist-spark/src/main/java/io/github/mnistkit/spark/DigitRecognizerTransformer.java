package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A Spark ML {@link Transformer} that recognises handwritten digits with mnist-kit's SDK.
 *
 * <p>The input column holds either the encoded image bytes ({@code binary}, e.g. the {@code
 * content} column of Spark's {@code binaryFile} source) or a path/URI of the image ({@code string},
 * read through Hadoop's file systems). Appended columns: {@code digit} (int, null when there is no
 * digit), {@code confidence} (float), {@code hasDigit} (boolean), {@code verdict} (string: {@code
 * DIGIT}, {@code UNSURE}, {@code NOT_A_DIGIT} or {@code BLANK}, see {@link
 * io.github.mnistkit.sdk.Recognition.Verdict}; in number mode the row's), {@code number} (string,
 * number mode), {@code boxes} (where each digit's ink is), {@code model} and {@code error}. A row
 * whose image cannot be read or decoded gets the {@code MnistKitException} message in {@code error}
 * and nulls in the result columns; the job carries on.
 *
 * <p>Each executor JVM creates one recognizer per model on first use and shares it between its task
 * threads; each partition is processed in batches of {@code batchSize} rows, one ONNX Runtime call
 * per batch in digit mode. The model is read and checked on the driver when {@link #transform} is
 * called, so a missing or broken model fails there, before any task runs.
 */
public final class DigitRecognizerTransformer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> digitCol;
  private final Param<String> confidenceCol;
  private final Param<String> hasDigitCol;
  private final Param<String> verdictCol;
  private final Param<String> numberCol;
  private final Param<String> boxesCol;
  private final Param<String> modelCol;
  private final Param<String> errorCol;
  private final Param<String> modelPath;
  private final Param<String> mode;
  private final IntParam batchSize;
  private final IntParam threads;

  private transient String checkedModelPath;
  private transient ModelPayload checkedModel;

  public DigitRecognizerTransformer() {
    this(Identifiable$.MODULE$.randomUID("digitRecognizer"));
  }

  public DigitRecognizerTransformer(String uid) {
    this.uid = uid;
    inputCol = stringParam("inputCol", "image column: binary (encoded bytes) or string (path/URI)");
    digitCol = stringParam("digitCol", "output: the digit 0-9, null when there is none");
    confidenceCol =
        stringParam("confidenceCol", "output: probability of the digit (number: lowest)");
    hasDigitCol = stringParam("hasDigitCol", "output: false when the image holds no digit");
    verdictCol =
        stringParam(
            "verdictCol",
            "output: DIGIT, UNSURE (under the model's confidence threshold), NOT_A_DIGIT (only ink"
                + " the model refuses) or BLANK; number mode: the row's; null on error");
    numberCol = stringParam("numberCol", "output: the digits read left to right (number mode)");
    boxesCol = stringParam("boxesCol", "output: where each digit's ink is in the image");
    modelCol = stringParam("modelCol", "output: which model answered");
    errorCol = stringParam("errorCol", "output: why the image could not be recognised, else null");
    modelPath =
        stringParam(
            "modelPath",
            "ONNX model (local path, Hadoop URI or --files name);"
                + " empty: the model bundled in the SDK");
    mode =
        new Param<>(
            this,
            "mode",
            "digit (one digit per image) or number (a row of digits)",
            ParamValidators.inArray(new String[] {"digit", "number"}));
    batchSize =
        new IntParam(
            this,
            "batchSize",
            "rows per classify call (1-" + DigitRecognizer.MAX_BATCH + ")",
            ParamValidators.inRange(1, DigitRecognizer.MAX_BATCH));
    threads =
        new IntParam(
            this,
            "threads",
            "ONNX Runtime intra-op threads per executor recognizer;" + " 1 suits one task per core",
            ParamValidators.inRange(1, 256));
    setDefaults();
  }

  private Param<String> stringParam(String name, String doc) {
    return new Param<>(this, name, doc);
  }

  private void setDefaults() {
    setDefault(inputCol, "content");
    setDefault(digitCol, "digit");
    setDefault(confidenceCol, "confidence");
    setDefault(hasDigitCol, "hasDigit");
    setDefault(verdictCol, "verdict");
    setDefault(numberCol, "number");
    setDefault(boxesCol, "boxes");
    setDefault(modelCol, "model");
    setDefault(errorCol, "error");
    setDefault(modelPath, "");
    setDefault(mode, RecognitionMode.DIGIT.paramValue());
    setDefault(batchSize, 64);
    setDefault(threads, 1);
  }

  /**
   * Loads a transformer written by {@code write().save(path)} (also how {@code Pipeline} finds it).
   */
  public static MLReader<DigitRecognizerTransformer> read() {
    return new DefaultParamsReader<>();
  }

  public static DigitRecognizerTransformer load(String path) {
    return read().load(path);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    inputKind(schema);
    List<String> existing = Arrays.asList(schema.fieldNames());
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    for (StructField field : outputColumns().fields()) {
      if (existing.contains(field.name())) {
        throw new IllegalArgumentException(
            "Output column '"
                + field.name()
                + "' already exists in"
                + " the input; rename it or set another name with the matching set…Col method.");
      }
      fields.add(field);
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outputSchema = transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ModelPayload model = checkedModel(sc);
    Broadcast<ModelPayload> broadcastModel = sc.broadcast(model);
    PathReader pathReader =
        inputKind(dataset.schema()) instanceof StringType
            ? new PathReader(sc.broadcast(new SerializableConfiguration(sc.hadoopConfiguration())))
            : null;
    RecognizePartition recognize =
        new RecognizePartition(
            broadcastModel,
            getThreads(),
            getBatchSize(),
            RecognitionMode.parse(getMode()),
            dataset.schema().fieldIndex(getInputCol()),
            pathReader);
    return dataset.toDF().mapPartitions(recognize, Encoders.row(outputSchema));
  }

  /**
   * Reads and checks the model on the driver now ({@link #transform} does it too): a job can call
   * this before it reads any input, so that a wrong model path costs nothing.
   *
   * @return the model's name as the {@code model} column will show it
   * @throws io.github.mnistkit.sdk.InvalidModelException when the model is missing or unusable
   */
  public String checkModel(SparkSession spark) {
    return checkedModel(JavaSparkContext.fromSparkContext(spark.sparkContext())).name();
  }

  private synchronized ModelPayload checkedModel(JavaSparkContext sc) {
    if (checkedModel == null || !getModelPath().equals(checkedModelPath)) {
      checkedModel = ModelResolver.resolve(getModelPath(), sc.hadoopConfiguration());
      checkedModelPath = getModelPath();
    }
    return checkedModel;
  }

  private DataType inputKind(StructType schema) {
    String name = getInputCol();
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          "Input column '"
              + name
              + "' does not exist; the columns are "
              + Arrays.toString(schema.fieldNames())
              + ". Set it with setInputCol.");
    }
    DataType type = schema.apply(name).dataType();
    if (!(type instanceof BinaryType) && !(type instanceof StringType)) {
      throw new IllegalArgumentException(
          "Input column '"
              + name
              + "' is "
              + type.simpleString()
              + "; it must be binary (encoded image bytes) or string (a path or URI of an image).");
    }
    return type;
  }

  private OutputColumns outputColumns() {
    return new OutputColumns(
        $(digitCol),
        $(confidenceCol),
        $(hasDigitCol),
        $(verdictCol),
        $(numberCol),
        $(boxesCol),
        $(modelCol),
        $(errorCol));
  }

  @Override
  public DigitRecognizerTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  // Spark finds the params through these public no-argument methods.

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> digitCol() {
    return digitCol;
  }

  public Param<String> confidenceCol() {
    return confidenceCol;
  }

  public Param<String> hasDigitCol() {
    return hasDigitCol;
  }

  public Param<String> verdictCol() {
    return verdictCol;
  }

  public Param<String> numberCol() {
    return numberCol;
  }

  public Param<String> boxesCol() {
    return boxesCol;
  }

  public Param<String> modelCol() {
    return modelCol;
  }

  public Param<String> errorCol() {
    return errorCol;
  }

  public Param<String> modelPath() {
    return modelPath;
  }

  public Param<String> mode() {
    return mode;
  }

  public IntParam batchSize() {
    return batchSize;
  }

  public IntParam threads() {
    return threads;
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public String getModelPath() {
    return $(modelPath);
  }

  public String getMode() {
    return $(mode);
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  public int getThreads() {
    return (Integer) $(threads);
  }

  public DigitRecognizerTransformer setInputCol(String value) {
    return setParam(inputCol, value);
  }

  public DigitRecognizerTransformer setDigitCol(String value) {
    return setParam(digitCol, value);
  }

  public DigitRecognizerTransformer setConfidenceCol(String value) {
    return setParam(confidenceCol, value);
  }

  public DigitRecognizerTransformer setHasDigitCol(String value) {
    return setParam(hasDigitCol, value);
  }

  public DigitRecognizerTransformer setVerdictCol(String value) {
    return setParam(verdictCol, value);
  }

  public DigitRecognizerTransformer setNumberCol(String value) {
    return setParam(numberCol, value);
  }

  public DigitRecognizerTransformer setBoxesCol(String value) {
    return setParam(boxesCol, value);
  }

  public DigitRecognizerTransformer setModelCol(String value) {
    return setParam(modelCol, value);
  }

  public DigitRecognizerTransformer setErrorCol(String value) {
    return setParam(errorCol, value);
  }

  /** An ONNX model: local path, Hadoop URI, or the name of a file shipped with --files. */
  public DigitRecognizerTransformer setModelPath(String value) {
    return setParam(modelPath, value == null ? "" : value);
  }

  public DigitRecognizerTransformer setMode(RecognitionMode value) {
    return setParam(mode, value.paramValue());
  }

  public DigitRecognizerTransformer setBatchSize(int value) {
    return setParam(batchSize, value);
  }

  public DigitRecognizerTransformer setThreads(int value) {
    return setParam(threads, value);
  }

  private <T> DigitRecognizerTransformer setParam(Param<T> param, T value) {
    set(param, value);
    return this;
  }
}
