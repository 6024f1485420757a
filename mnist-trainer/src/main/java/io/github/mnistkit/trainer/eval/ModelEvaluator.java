package io.github.mnistkit.trainer.eval;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidImageException;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetSpec;
import io.github.mnistkit.trainer.data.ImageFolder;
import java.util.ArrayList;
import java.util.List;

/** Measures an ONNX digit model, through the SDK's public API, on IDX data or an image folder. */
public final class ModelEvaluator {
  private static final int BATCH = 512;

  private ModelEvaluator() {}

  /**
   * On the test images of a standard data set, or on every image of a folder (files that cannot be
   * read count as "no digit").
   */
  public static Evaluation onDataset(
      DigitRecognizer recognizer, DatasetSpec dataset, DataSources sources) {
    if (dataset.isFolder()) {
      return onFolder(recognizer, ImageFolder.scan(dataset.folder(), 1));
    }
    return onIdx(recognizer, dataset.testImages(sources), dataset.id() + " test set");
  }

  /**
   * On MNIST-style 28×28 data: the images go to the model as they are (they are already
   * normalised).
   */
  public static Evaluation onIdx(DigitRecognizer recognizer, IdxDataset data, String datasetName) {
    Evaluation.Tally tally = new Evaluation.Tally();
    for (int start = 0; start < data.size(); start += BATCH) {
      int end = Math.min(data.size(), start + BATCH);
      List<DigitImage> batch = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        batch.add(DigitImage.ofMnistBytes(data.imageBytes(i)));
      }
      List<Recognition> results = recognizer.classify(batch);
      for (int i = start; i < end; i++) {
        count(tally, data.label(i), results.get(i - start));
      }
    }
    return tally.toEvaluation(recognizer.modelInfo().source(), datasetName);
  }

  /**
   * On a {@code 0/ … 9/} image folder: each file is decoded and preprocessed exactly as {@link
   * DigitRecognizer#recognize(java.nio.file.Path)} does; files that cannot be decoded count as
   * errors in the "no digit" column.
   */
  public static Evaluation onFolder(DigitRecognizer recognizer, ImageFolder.Scan scan) {
    Evaluation.Tally tally = new Evaluation.Tally();
    for (ImageFolder.Entry entry : scan.entries()) {
      try {
        count(tally, entry.label(), recognizer.recognize(entry.file()));
      } catch (InvalidImageException e) {
        tally.addUnreadable(entry.label());
      }
    }
    return tally.toEvaluation(recognizer.modelInfo().source(), scan.root().toString());
  }

  private static void count(Evaluation.Tally tally, int label, Recognition result) {
    int predicted = result.hasDigit() ? result.digit() : Evaluation.NO_DIGIT;
    tally.add(label, predicted, result.confidence(), result::input);
  }
}
