package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.data.IdxReader;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Training images of things that are not a digit, for the "not a digit" class ({@link #LABEL}).
 *
 * <p>Every image is drawn as a real picture (dark ink on light, slightly tinted paper, 40–200
 * pixels, anti-aliased) and turned into 28×28 by the SDK's own {@link DigitPreprocessor}, exactly
 * as {@code DigitRecognizer.recognize(image)} does at inference, so the model learns the inputs it
 * will see. The kinds take turns in equal shares:
 *
 * <ol>
 *   <li>{@link Kind#LETTER letters} ({@link NonDigitDrawing#LETTERS}: none commonly written like a
 *       digit) and {@link Kind#SYMBOL symbols} ({@link NonDigitDrawing#SYMBOLS}), from font glyph
 *       outlines sheared, rotated, squeezed and wobbled to look hand-drawn; fonts the project's
 *       evaluation set does not use when installed (DejaVu Sans/Serif Condensed, DejaVu Sans Light,
 *       Liberation Sans Narrow, DejaVu Math TeX Gyre), else the JDK's logical fonts;
 *   <li>{@link Kind#SCRIBBLE scribbles}, {@link Kind#HATCHING hatching} and {@link Kind#BLOT
 *       blots};
 *   <li>{@link Kind#STRUCK_OUT struck-out digits}: an MNIST training digit crossed out heavily;
 *   <li>{@link Kind#PICTURE pictures}: Fashion-MNIST training images as dark objects, filled or as
 *       outlines (only when a picture set is given);
 *   <li>segmentation mistakes: {@link Kind#GLUED_PAIR two digits glued} into one image, and {@link
 *       Kind#SEGMENT_PIECE pieces} of rows of digits that the SDK's row segmenter proposes and that
 *       are clearly not one digit ({@link SegmentationMistakes}).
 * </ol>
 *
 * Only MNIST <em>training</em> digits and Fashion-MNIST <em>training</em> pictures may be passed:
 * the evaluation sets are drawn from the test splits. Deterministic for a seed.
 */
public final class NonDigitImages {
  /** Label of the "not a digit" class in training data. */
  public static final int LABEL = IdxDataset.NOT_A_DIGIT;

  /** Where the Debian package dataset-fashion-mnist installs Fashion-MNIST. */
  static final Path FASHION_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  /** Attempts at one image before the inputs are declared unusable (a blank result is retried). */
  private static final int MAX_ATTEMPTS = 200;

  /** What a negative image shows. */
  enum Kind {
    LETTER,
    SYMBOL,
    SCRIBBLE,
    HATCHING,
    BLOT,
    STRUCK_OUT,
    PICTURE,
    GLUED_PAIR,
    SEGMENT_PIECE
  }

  private final NonDigitDrawing drawing;
  private final SegmentationMistakes mistakes;
  private final DigitPreprocessor preprocessor = DigitPreprocessor.create();
  private final Random random;
  private final Map<Kind, ArrayDeque<DigitImage>> pending = new EnumMap<>(Kind.class);

  private NonDigitImages(IdxDataset digits, IdxDataset pictures, long seed) {
    this.drawing = new NonDigitDrawing(digits, pictures);
    this.mistakes = new SegmentationMistakes(digits, preprocessor);
    this.random = new Random(seed);
  }

  /**
   * {@code count} MNIST-format 28x28 images (label {@link #LABEL}) of things that are not a digit.
   *
   * @param digitsTrain MNIST training digits (for struck-out digits and segmentation mistakes)
   * @param picturesOrNull the Fashion-MNIST <em>train</em> set, or null to leave pictures out
   */
  public static IdxDataset generate(
      IdxDataset digitsTrain, IdxDataset picturesOrNull, int count, long seed) {
    return generate(kinds(picturesOrNull != null), digitsTrain, picturesOrNull, count, seed);
  }

  /** The kinds that take turns, in order: all, or all but pictures. */
  static List<Kind> kinds(boolean withPictures) {
    List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
    if (!withPictures) {
      kinds.remove(Kind.PICTURE);
    }
    return List.copyOf(kinds);
  }

  /** {@code count} images of one kind only; for tests and the contact sheet. */
  static IdxDataset generate(
      Kind kind, IdxDataset digitsTrain, IdxDataset picturesOrNull, int count, long seed) {
    if (kind == Kind.PICTURE && picturesOrNull == null) {
      throw new IllegalArgumentException("Pictures need a picture set (Fashion-MNIST train)");
    }
    return generate(List.of(kind), digitsTrain, picturesOrNull, count, seed);
  }

  private static IdxDataset generate(
      List<Kind> kinds, IdxDataset digits, IdxDataset pictures, int count, long seed) {
    Objects.requireNonNull(digits, "digitsTrain");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    if (digits.size() == 0) {
      throw new IllegalArgumentException("digitsTrain holds no images");
    }
    if (pictures != null && pictures.size() == 0) {
      throw new IllegalArgumentException("the picture set holds no images; pass null instead");
    }
    NonDigitImages generator = new NonDigitImages(digits, pictures, seed);
    byte[] pixels = new byte[count * IdxDataset.PIXELS];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      DigitImage image = generator.next(kinds.get(i % kinds.size()));
      System.arraycopy(
          ImageFolder.toBytes(image), 0, pixels, i * IdxDataset.PIXELS, IdxDataset.PIXELS);
      labels[i] = LABEL;
    }
    return IdxDataset.of(pixels, labels);
  }

  private DigitImage next(Kind kind) {
    ArrayDeque<DigitImage> queue = pending.computeIfAbsent(kind, k -> new ArrayDeque<>());
    for (int attempt = 0; attempt < MAX_ATTEMPTS && queue.isEmpty(); attempt++) {
      if (kind == Kind.SEGMENT_PIECE) {
        queue.addAll(mistakes.fromRow(random));
      } else {
        DigitImage image = preprocessor.toDigit(drawing.draw(kind, random));
        if (!image.isBlank()) {
          queue.add(image);
        }
      }
    }
    if (queue.isEmpty()) {
      throw new IllegalStateException(
          "No " + kind + " image in " + MAX_ATTEMPTS + " attempts; are the input digits blank?");
    }
    return queue.poll();
  }

  /**
   * The Fashion-MNIST train split from /usr/share/datasets/fashion-mnist (Debian package
   * dataset-fashion-mnist) when installed, else null.
   */
  public static IdxDataset fashionTrainIfInstalled() {
    return fashionTrainIn(FASHION_DIRECTORY);
  }

  static IdxDataset fashionTrainIn(Path directory) {
    Path images = directory.resolve(DataFiles.TRAIN_IMAGES);
    Path labels = directory.resolve(DataFiles.TRAIN_LABELS);
    if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
      return null;
    }
    return IdxReader.read(images, labels);
  }
}
