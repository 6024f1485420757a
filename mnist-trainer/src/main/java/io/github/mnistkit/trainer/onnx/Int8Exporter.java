package io.github.mnistkit.trainer.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.sdk.ModelMetadata;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.NonDigitImages;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.train.TrainedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a static int8 copy of an fp32 mnist-kit ONNX model and proves it before writing anything:
 * batch norms folded into the convolutions ({@link BatchNormFolding}), activation ranges measured
 * on training images ({@link Calibration}), QDQ graph with per-channel int8 weights ({@link
 * QdqGraph}), then both models classify the same test images through the SDK ({@link
 * DigitRecognizer}) and the int8 file is written only if it passes {@link Int8Check#passes()}.
 *
 * <p>It starts from the fp32 ONNX file rather than the DJL model, so any mnist-kit model can be
 * quantised, including the bundled one whose DJL checkpoint is not kept, and the int8 file is
 * compared with exactly the file it replaces.
 */
public final class Int8Exporter {
  /** Training images the activation ranges are measured on (evenly spread over the set). */
  public static final int DEFAULT_CALIBRATION_IMAGES = 1000;

  /**
   * Test images the self-check classifies (fewer if the test set is smaller; never under 1,000).
   */
  public static final int DEFAULT_CHECK_IMAGES = 10_000;

  /** Generated non-digits both models classify when the model can refuse. */
  static final int NON_DIGIT_CHECK_IMAGES = 1000;

  /** Generated non-digits among the calibration images, as a share of the digits. */
  static final int NON_DIGIT_CALIBRATION_PERCENT = 20;

  private static final long NON_DIGIT_SEED = 20_261_201;

  /**
   * The method used when one is forced; by default both are built and the more faithful one is kept
   * ({@link #export(Path, Path, IdxDataset, IdxDataset)}): neither won everywhere (percentile on
   * the bundled model, min/max on a briefly trained one; see docs/model-zoo.md).
   */
  public static final Calibration.Method DEFAULT_METHOD = Calibration.Method.MIN_MAX;

  public static final String PRECISION_INT8 = "int8";

  private Int8Exporter() {}

  /**
   * Where the int8 copy of {@code fp32Model} goes: {@code model.onnx} → {@code model-int8.onnx}.
   */
  public static Path besidePath(Path fp32Model) {
    String name = fp32Model.getFileName().toString();
    String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    return fp32Model.resolveSibling(stem + "-int8.onnx");
  }

  /**
   * The call for the train and fine-tune jobs: writes {@link #besidePath} next to {@code fp32Model}
   * (calibrated on {@code data.train()}, checked on {@code data.test()}) when it passes the bar and
   * returns the check either way. A refused int8 model is not written, and a stale int8 file from
   * an earlier model is deleted so it never sits beside a model it was not made from.
   */
  public static Int8Check exportBeside(Path fp32Model, DigitData data) {
    Path target = besidePath(fp32Model);
    try {
      return export(fp32Model, target, data.train(), data.test());
    } catch (QuantizationRefusedException e) {
      try {
        Files.deleteIfExists(target);
      } catch (IOException io) {
        throw new UncheckedIOException(
            "Could not delete the stale " + target + ": " + io.getMessage(), io);
      }
      return e.check();
    }
  }

  /**
   * Quantises {@code fp32Model}, checks it on up to {@link #DEFAULT_CHECK_IMAGES} of {@code test}
   * and writes it atomically to {@code target}.
   *
   * @throws QuantizationRefusedException when the int8 model misses the bar; nothing is written
   */
  public static Int8Check export(
      Path fp32Model, Path target, IdxDataset train, IdxDataset test, Calibration.Method method) {
    byte[] fp32 = read(fp32Model);
    ModelProto model = parse(fp32, fp32Model);
    IdxDataset calibrationImages = calibrationImages(model, train, DEFAULT_CALIBRATION_IMAGES);
    ModelProto folded = BatchNormFolding.fold(model);
    Calibration calibration =
        Calibration.measure(folded, QdqGraph.activations(folded), calibrationImages);
    ModelProto int8 = QdqGraph.build(folded, calibration.ranges(method));
    return writeIfFaithful(fp32, int8, target, test, describe(method, calibrationImages));
  }

  /**
   * Quantises {@code fp32Model} with both calibration methods (one calibration run), checks both on
   * up to {@link #DEFAULT_CHECK_IMAGES} of {@code test} and writes the more faithful one (higher
   * top-1 agreement, then smaller probability difference) atomically to {@code target}.
   *
   * @throws QuantizationRefusedException when neither meets the bar; nothing is written
   */
  public static Int8Check export(Path fp32Model, Path target, IdxDataset train, IdxDataset test) {
    byte[] fp32 = read(fp32Model);
    ModelProto model = parse(fp32, fp32Model);
    ModelProto folded = BatchNormFolding.fold(model);
    IdxDataset calibrationImages = calibrationImages(model, train, DEFAULT_CALIBRATION_IMAGES);
    Calibration calibration =
        Calibration.measure(folded, QdqGraph.activations(folded), calibrationImages);
    ModelProto best = null;
    Int8Check bestCheck = null;
    for (Calibration.Method method : Calibration.Method.values()) {
      ModelProto int8 = QdqGraph.build(folded, calibration.ranges(method));
      Int8Check check = check(fp32, int8.toByteArray(), test, describe(method, calibrationImages));
      if (bestCheck == null
          || check.agreement() > bestCheck.agreement()
          || (check.agreement() == bestCheck.agreement()
              && check.meanProbabilityDifference() < bestCheck.meanProbabilityDifference())) {
        best = int8;
        bestCheck = check;
      }
    }
    return writeIfFaithful(fp32, best, target, bestCheck);
  }

  /**
   * Both calibration methods' checks on the same images, for choosing the default (no file
   * written).
   */
  public static Map<Calibration.Method, Int8Check> compareMethods(
      Path fp32Model, IdxDataset train, IdxDataset test, int calibrationImages) {
    byte[] fp32 = read(fp32Model);
    ModelProto model = parse(fp32, fp32Model);
    ModelProto folded = BatchNormFolding.fold(model);
    IdxDataset images = calibrationImages(model, train, calibrationImages);
    Calibration calibration = Calibration.measure(folded, QdqGraph.activations(folded), images);
    Map<Calibration.Method, Int8Check> checks = new LinkedHashMap<>();
    for (Calibration.Method method : Calibration.Method.values()) {
      byte[] int8 = QdqGraph.build(folded, calibration.ranges(method)).toByteArray();
      checks.put(method, check(fp32, int8, test, describe(method, images)));
    }
    return checks;
  }

  /** Checks {@code int8} against {@code fp32} and writes it to {@code target} only if it passes. */
  static Int8Check writeIfFaithful(
      byte[] fp32, ModelProto int8, Path target, IdxDataset test, String calibration) {
    return writeIfFaithful(fp32, int8, target, check(fp32, int8.toByteArray(), test, calibration));
  }

  /** Writes {@code int8}, whose {@code check} is already made, only if that check passes. */
  private static Int8Check writeIfFaithful(
      byte[] fp32, ModelProto int8, Path target, Int8Check check) {
    String calibration = check.calibration();
    if (!check.passes()) {
      throw new QuantizationRefusedException(
          "The int8 model is not faithful enough to the fp32 model: "
              + check
              + ". "
              + target
              + " was not written; use the fp32 model"
              + (check.images() < Int8Check.MIN_IMAGES
                  ? " (the check needs at least " + Int8Check.MIN_IMAGES + " test images)"
                  : "")
              + ".",
          check);
    }
    ModelProto.Builder labelled = int8.toBuilder().clearMetadataProps();
    Map<String, String> metadata = new LinkedHashMap<>();
    int8.getMetadataPropsList().forEach(p -> metadata.put(p.getKey(), p.getValue()));
    metadata.put(ModelMetadata.PRECISION, PRECISION_INT8);
    metadata.put(ModelMetadata.CALIBRATION, calibration);
    metadata.put(ModelMetadata.TEST_ACCURACY, Double.toString(check.int8Accuracy()));
    metadata.put(ModelMetadata.TEST_IMAGES, Integer.toString(check.images()));
    metadata.forEach(
        (key, value) ->
            labelled.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    byte[] bytes = labelled.build().toByteArray();
    AtomicFiles.write(target, out -> out.write(bytes));
    return new Int8Check(
        check.images(),
        check.agreement(),
        check.fp32Accuracy(),
        check.int8Accuracy(),
        check.meanProbabilityDifference(),
        check.nonDigitImages(),
        check.nonDigitAgreement(),
        calibration,
        fp32.length,
        bytes.length);
  }

  static Int8Check check(byte[] fp32, byte[] int8, IdxDataset test, String calibration) {
    int n = Math.min(DEFAULT_CHECK_IMAGES, test.size());
    List<DigitImage> digits = images(test, n);
    try (DigitRecognizer fp32Model = recognizer(fp32, "fp32 model");
        DigitRecognizer int8Model = recognizer(int8, "int8 candidate")) {
      List<Recognition> fp32Results = fp32Model.classify(digits);
      List<Recognition> int8Results = int8Model.classify(digits);
      int agree = 0;
      int fp32Correct = 0;
      int int8Correct = 0;
      double probabilityDifference = 0;
      for (int i = 0; i < n; i++) {
        Recognition p = fp32Results.get(i);
        Recognition q = int8Results.get(i);
        probabilityDifference += largestDifference(p, q);
        agree += answer(p) == answer(q) ? 1 : 0;
        fp32Correct += p.digit() == test.label(i) ? 1 : 0;
        int8Correct += q.digit() == test.label(i) ? 1 : 0;
      }
      int nonDigitCount = 0;
      int nonDigitAgree = 0;
      if (fp32Model.modelInfo().canRefuse()) {
        IdxDataset nonDigits =
            NonDigitImages.generate(test, null, NON_DIGIT_CHECK_IMAGES, NON_DIGIT_SEED + 1);
        List<DigitImage> inputs = images(nonDigits, nonDigits.size());
        List<Recognition> fp32Answers = fp32Model.classify(inputs);
        List<Recognition> int8Answers = int8Model.classify(inputs);
        nonDigitCount = inputs.size();
        for (int i = 0; i < nonDigitCount; i++) {
          nonDigitAgree += answer(fp32Answers.get(i)) == answer(int8Answers.get(i)) ? 1 : 0;
        }
      }
      double images = Math.max(n, 1);
      return new Int8Check(
          n,
          agree / images,
          fp32Correct / images,
          int8Correct / images,
          probabilityDifference / images,
          nonDigitCount,
          nonDigitCount == 0 ? Double.NaN : nonDigitAgree / (double) nonDigitCount,
          calibration,
          fp32.length,
          int8.length);
    }
  }

  /** The answer as one number: the digit, {@link TrainedModel#NOT_A_DIGIT}, or -1 for blank. */
  private static int answer(Recognition r) {
    return r.verdict() == Recognition.Verdict.NOT_A_DIGIT ? TrainedModel.NOT_A_DIGIT : r.digit();
  }

  private static double largestDifference(Recognition p, Recognition q) {
    float[] a = p.probabilities();
    float[] b = q.probabilities();
    double largest = Math.abs(p.notADigitProbability() - q.notADigitProbability());
    for (int c = 0; c < a.length; c++) {
      largest = Math.max(largest, Math.abs(a[c] - b[c]));
    }
    return largest;
  }

  private static List<DigitImage> images(IdxDataset data, int n) {
    List<DigitImage> images = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      images.add(DigitImage.ofMnistBytes(data.imageBytes(i)));
    }
    return images;
  }

  /**
   * {@code count} training images spread over {@code train}, and for a model that can refuse
   * {@value #NON_DIGIT_CALIBRATION_PERCENT}% as many generated non-digits, whose activations the
   * int8 ranges must cover too.
   */
  static IdxDataset calibrationImages(ModelProto model, IdxDataset train, int count) {
    IdxDataset digits = spread(train, count);
    if (!refuses(model)) {
      return digits;
    }
    int nonDigits = Math.max(1, digits.size() * NON_DIGIT_CALIBRATION_PERCENT / 100);
    return digits.concat(NonDigitImages.generate(train, null, nonDigits, NON_DIGIT_SEED));
  }

  private static boolean refuses(ModelProto model) {
    return model.getMetadataPropsList().stream()
        .anyMatch(
            p ->
                p.getKey().equals(ModelMetadata.CLASSES)
                    && p.getValue().equals(ModelMetadata.CLASSES_WITH_NOT_A_DIGIT));
  }

  private static DigitRecognizer recognizer(byte[] model, String name) {
    return DigitRecognizer.builder().model(model, name).threads(1).build();
  }

  /** {@code count} images evenly spread over {@code images} (all of them if it has fewer). */
  static IdxDataset spread(IdxDataset images, int count) {
    int n = Math.min(count, images.size());
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = (int) ((long) i * images.size() / n);
    }
    return images.select(indices);
  }

  static String describe(Calibration.Method method, IdxDataset images) {
    int nonDigits = 0;
    for (int i = 0; i < images.size(); i++) {
      nonDigits += images.label(i) == TrainedModel.NOT_A_DIGIT ? 1 : 0;
    }
    return String.format(
        Locale.ROOT,
        "%s calibration on %d training images%s",
        method == Calibration.Method.MIN_MAX
            ? "min/max"
            : "percentile " + (100 - 100 * Calibration.PERCENTILE_TAIL) + "%",
        images.size() - nonDigits,
        nonDigits == 0 ? "" : " + " + nonDigits + " generated non-digits");
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidModelException(
          "Could not read the fp32 model " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  private static ModelProto parse(byte[] bytes, Path file) {
    try {
      return ModelProto.parseFrom(bytes);
    } catch (IOException e) {
      throw new InvalidModelException(
          file.toAbsolutePath() + " is not an ONNX model: " + e.getMessage(), e);
    }
  }
}
