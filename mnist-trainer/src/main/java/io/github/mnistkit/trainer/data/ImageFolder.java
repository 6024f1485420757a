package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.sdk.data.IdxDataset;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.sdk.image.ImageDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A user's folder of labelled digit images: sub-folders {@code 0/ … 9/}, images of any common
 * format, size and background inside. Images go through the SDK's own preprocessing, so training
 * sees exactly what recognition will see.
 */
public final class ImageFolder {
  /** By default loading fails when more than this share of the files cannot be used. */
  public static final double DEFAULT_MAX_UNREADABLE_SHARE = 0.2;

  private ImageFolder() {}

  /** One image file and the digit its folder names. */
  public record Entry(Path file, int label) {}

  /** What a scan found: the images, and warnings about anything ignored. */
  public record Scan(Path root, List<Entry> entries, List<String> warnings) {
    public int[] countsPerDigit() {
      int[] counts = new int[10];
      entries.forEach(e -> counts[e.label()]++);
      return counts;
    }

    public int classesWithImages() {
      int n = 0;
      for (int count : countsPerDigit()) {
        n += count > 0 ? 1 : 0;
      }
      return n;
    }
  }

  /** Images that could be used, and those that could not (with the reason). */
  public record Loaded(
      IdxDataset images, List<Path> files, List<String> skipped, List<String> warnings) {}

  /**
   * Lists the images under {@code root}/0 … {@code root}/9.
   *
   * @param minClasses fail unless at least this many digits have images
   */
  public static Scan scan(Path root, int minClasses) {
    if (!Files.isDirectory(root)) {
      throw new InvalidDataException(
          "Image folder "
              + root.toAbsolutePath()
              + " does not exist or is not a"
              + " folder. It must contain sub-folders 0/ to 9/ holding images of each digit.");
    }
    List<Entry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.sorted().toList()) {
        String name = child.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (!Files.isDirectory(child)) {
          warnings.add("Ignored " + name + ": images must be inside a digit folder 0/ … 9/.");
        } else if (!name.matches("[0-9]")) {
          warnings.add("Ignored folder '" + name + "': folder names must be a single digit 0–9.");
        } else {
          addImages(child, Integer.parseInt(name), entries, warnings);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + root + ": " + e.getMessage(), e);
    }
    Scan scan = new Scan(root, entries, warnings);
    int[] counts = scan.countsPerDigit();
    List<Integer> missing = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      if (counts[d] == 0) {
        missing.add(d);
      }
    }
    if (entries.isEmpty()) {
      throw new InvalidDataException(
          "Image folder "
              + root.toAbsolutePath()
              + " holds no images in"
              + " sub-folders 0/ … 9/."
              + (warnings.isEmpty() ? "" : " " + String.join(" ", warnings)));
    }
    if (!missing.isEmpty()) {
      warnings.add("No images for digit(s) " + missing + " in " + root + ".");
    }
    if (scan.classesWithImages() < minClasses) {
      throw new InvalidDataException(
          "Image folder "
              + root.toAbsolutePath()
              + " has images for only "
              + scan.classesWithImages()
              + " digit(s); at least "
              + minClasses
              + " are needed. Add images to"
              + " more of the folders 0/ … 9/.");
    }
    return scan;
  }

  private static void addImages(Path folder, int label, List<Entry> entries, List<String> warnings)
      throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
          entries.add(new Entry(file, label));
        } else if (Files.isDirectory(file)) {
          warnings.add(
              "Ignored nested folder "
                  + folder.relativize(file.getParent())
                  + "/"
                  + file.getFileName()
                  + ".");
        }
      }
    }
  }

  /**
   * Decodes and preprocesses every image of {@code scan}; unreadable or blank images are skipped
   * and listed.
   *
   * @throws InvalidDataException if more than {@code maxUnreadableShare} of the files are unusable
   */
  public static Loaded load(Scan scan, double maxUnreadableShare) {
    ImageDecoder decoder = ImageDecoder.create();
    DigitPreprocessor preprocessor = DigitPreprocessor.create();
    List<byte[]> pixels = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Byte> labels = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Entry entry : scan.entries()) {
      try {
        DigitImage digit = preprocessor.toDigit(decoder.decode(entry.file()));
        if (digit.isBlank()) {
          skipped.add(entry.file() + ": no ink found (blank image)");
          continue;
        }
        pixels.add(toBytes(digit));
        labels.add((byte) entry.label());
        files.add(entry.file());
      } catch (MnistKitException e) {
        skipped.add(e.getMessage());
      }
    }
    int total = scan.entries().size();
    if (skipped.size() > maxUnreadableShare * total) {
      throw new InvalidDataException(
          String.format(
              Locale.ROOT,
              "%d of %d images in %s could not be used" + " (more than the allowed %.0f%%): %s",
              skipped.size(),
              total,
              scan.root(),
              100 * maxUnreadableShare,
              skipped.subList(0, Math.min(10, skipped.size()))));
    }
    byte[] allPixels = new byte[pixels.size() * DigitImage.PIXELS];
    byte[] allLabels = new byte[labels.size()];
    for (int i = 0; i < pixels.size(); i++) {
      System.arraycopy(pixels.get(i), 0, allPixels, i * DigitImage.PIXELS, DigitImage.PIXELS);
      allLabels[i] = labels.get(i);
    }
    return new Loaded(IdxDataset.of(allPixels, allLabels), files, skipped, scan.warnings());
  }

  static byte[] toBytes(DigitImage digit) {
    float[] p = digit.pixels();
    byte[] bytes = new byte[p.length];
    for (int i = 0; i < p.length; i++) {
      bytes[i] = (byte) Math.round(Math.max(0f, Math.min(1f, p[i])) * 255f);
    }
    return bytes;
  }
}
