package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.InvalidImageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files that command-line arguments name: files, folders (every non-hidden file below,
 * recursively) and glob patterns such as {@code scans/*.png} or {@code 'photos/**.jpg'} (quote them
 * so the shell leaves them alone; {@code *} stays within a folder, {@code **} crosses folders).
 */
final class ImageInputs {
  private ImageInputs() {}

  /**
   * @param base the folder relative arguments resolve against
   * @throws InvalidImageException when an argument names nothing that exists or a pattern matches
   *     no file
   */
  static List<Path> collect(List<String> arguments, Path base) {
    Set<Path> files = new LinkedHashSet<>();
    for (String argument : arguments) {
      if (isPattern(argument)) {
        List<Path> matches = glob(argument, base);
        if (matches.isEmpty()) {
          throw new InvalidImageException(
              "No file matches the pattern '"
                  + argument
                  + "' (in "
                  + base.toAbsolutePath().normalize()
                  + ").");
        }
        files.addAll(matches);
        continue;
      }
      Path path = base.resolve(argument).normalize();
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        files.addAll(walk(path, Integer.MAX_VALUE, null));
      } else {
        throw new InvalidImageException(
            path.toAbsolutePath()
                + " does not exist. Give image files, folders"
                + " or quoted patterns such as 'scans/*.png'.");
      }
    }
    return List.copyOf(files);
  }

  static boolean isPattern(String argument) {
    return argument.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static List<Path> glob(String pattern, Path base) {
    String normalized = pattern.replace('\\', '/');
    String[] parts = normalized.split("/", -1);
    int fixed = 0;
    while (fixed < parts.length - 1 && !isPattern(parts[fixed])) {
      fixed++;
    }
    String root = String.join("/", Arrays.copyOfRange(parts, 0, fixed));
    String rest = String.join("/", Arrays.copyOfRange(parts, fixed, parts.length));
    Path start =
        root.isEmpty() ? (normalized.startsWith("/") ? Path.of("/") : base) : base.resolve(root);
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - fixed;
    return walk(start, depth, FileSystems.getDefault().getPathMatcher("glob:" + rest));
  }

  private static List<Path> walk(Path folder, int depth, PathMatcher matcher) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder, depth)) {
      walk.filter(Files::isRegularFile)
          .filter(file -> !hidden(folder, file))
          .filter(file -> matcher == null || matcher.matches(folder.relativize(file)))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
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

  /** {@code file} relative to {@code base} when under it, else absolute; with forward slashes. */
  static String display(Path file, Path base) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = base.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
