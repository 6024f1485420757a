package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.InvalidImageException;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.trainer.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Recognises many image files (given directly or found in folders) and writes the answers as CSV.
 */
public final class ImageBatch {
  private ImageBatch() {}

  /** One file's answer, or why it could not be read. */
  public record Result(Path file, Recognition recognition, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * The files named, with every file under a named folder (recursively, sorted, hidden files and
   * folders left out).
   *
   * @throws IllegalArgumentException when a path does not exist
   */
  public static List<Path> collect(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> !hidden(path, f))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("Could not list " + path + ": " + e.getMessage(), e);
        }
      } else {
        throw new IllegalArgumentException(
            path.toAbsolutePath() + " does not exist; give image files or folders.");
      }
    }
    return files;
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Recognises each file; unreadable ones give a result with the SDK's message. {@code each} sees
   * every result.
   */
  public static List<Result> recognize(
      DigitRecognizer recognizer, List<Path> files, Consumer<Result> each) {
    List<Result> results = new ArrayList<>(files.size());
    for (Path file : files) {
      Result result;
      try {
        result = new Result(file, recognizer.recognize(file), null);
      } catch (InvalidImageException e) {
        result = new Result(file, null, e.getMessage());
      }
      results.add(result);
      each.accept(result);
    }
    return results;
  }

  /**
   * Writes {@code file,digit,confidence,verdict} rows for the files that could be read; {@code
   * verdict} is {@link Recognition#verdict()} ({@code DIGIT}, {@code UNSURE}, {@code NOT_A_DIGIT}
   * or {@code BLANK}), and the digit is empty (confidence 0) for the last two. Paths are shown
   * relative to {@code base} where they lie under it.
   */
  public static void writeCsv(Path csv, List<Result> results, Path base) {
    StringBuilder out = new StringBuilder("file,digit,confidence,verdict\n");
    for (Result result : results) {
      if (!result.ok()) {
        continue;
      }
      Recognition r = result.recognition();
      out.append(csvField(display(result.file(), base)))
          .append(',')
          .append(r.hasDigit() ? Integer.toString(r.digit()) : "")
          .append(',')
          .append(String.format(Locale.ROOT, "%.4f", r.confidence()))
          .append(',')
          .append(r.verdict().name())
          .append('\n');
    }
    AtomicFiles.writeString(csv, out.toString());
  }

  /** {@code file} relative to {@code base} when under it, else absolute; with forward slashes. */
  public static String display(Path file, Path base) {
    Path absolute = file.toAbsolutePath().normalize();
    Path shown =
        base != null && absolute.startsWith(base.toAbsolutePath().normalize())
            ? base.toAbsolutePath().normalize().relativize(absolute)
            : absolute;
    return shown.toString().replace('\\', '/');
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }
}
