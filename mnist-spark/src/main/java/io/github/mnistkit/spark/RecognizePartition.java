package io.github.mnistkit.spark;

import io.github.mnistkit.sdk.DigitRecognizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs on the executors: reads rows in batches of {@code batchSize}, recognises each batch with the
 * executor's shared recognizer, and appends the output columns. Memory stays bounded by one batch.
 */
final class RecognizePartition implements MapPartitionsFunction<Row, Row> {
  private final Broadcast<ModelPayload> model;
  private final int threads;
  private final int batchSize;
  private final RecognitionMode mode;
  private final int inputIndex;
  private final PathReader pathReader;

  /**
   * @param pathReader reads the files named by a path column, or null when the input column holds
   *     the image bytes themselves
   */
  RecognizePartition(
      Broadcast<ModelPayload> model,
      int threads,
      int batchSize,
      RecognitionMode mode,
      int inputIndex,
      PathReader pathReader) {
    this.model = model;
    this.threads = threads;
    this.batchSize = batchSize;
    this.mode = mode;
    this.inputIndex = inputIndex;
    this.pathReader = pathReader;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Batches(rows);
  }

  private ImageInput input(Row row) {
    if (row.isNullAt(inputIndex)) {
      return ImageInput.unreadable(
          "the input column '" + row.schema().fields()[inputIndex].name() + "' is null");
    }
    return pathReader == null
        ? ImageInput.of((byte[]) row.get(inputIndex))
        : pathReader.read(row.getString(inputIndex));
  }

  private final class Batches implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private BatchRecognizer recognizer;

    Batches(Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty() && rows.hasNext()) {
        recogniseNextBatch();
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private void recogniseNextBatch() {
      List<Row> batch = new ArrayList<>(batchSize);
      List<ImageInput> inputs = new ArrayList<>(batchSize);
      while (rows.hasNext() && batch.size() < batchSize) {
        Row row = rows.next();
        batch.add(row);
        inputs.add(input(row));
      }
      List<Outcome> outcomes = recognizer().recognize(inputs);
      String modelName = model.value().name();
      for (int i = 0; i < batch.size(); i++) {
        ready.add(append(batch.get(i), OutputColumns.values(outcomes.get(i), modelName)));
      }
    }

    private BatchRecognizer recognizer() {
      if (recognizer == null) {
        DigitRecognizer shared = ExecutorRecognizers.get(model.value(), threads);
        recognizer = new BatchRecognizer(shared, mode);
      }
      return recognizer;
    }
  }

  private static Row append(Row row, Object[] extra) {
    Object[] values = new Object[row.length() + extra.length];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    System.arraycopy(extra, 0, values, row.length(), extra.length);
    return RowFactory.create(values);
  }
}
