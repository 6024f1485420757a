package io.github.mnistkit.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The trainer's packages import only packages below them (docs/architecture.md), so a newcomer can
 * read the design from the folder names and no cycle can come back unnoticed.
 */
class PackageLayeringTest {
  /** Highest first; a package may import only packages after it, and the leaves. */
  private static final List<String> ORDER =
      List.of("job", "report", "onnx", "eval", "train", "data", "nn");

  private static final Set<String> LEAVES = Set.of("io", "stats", "");
  private static final Path SOURCES = Path.of("src/main/java/io/github/mnistkit/trainer");
  private static final Pattern REFERENCE =
      Pattern.compile("io\\.github\\.mnistkit\\.trainer\\.(?:([a-z]+)\\.)?[A-Z]");

  @Test
  void packagesImportOnlyPackagesBelowThem() throws Exception {
    Map<String, Set<String>> imports = imports();
    assertEquals(
        new TreeSet<>(union(ORDER, LEAVES)),
        new TreeSet<>(imports.keySet()),
        "every package has a place in the order");
    List<String> upward = new ArrayList<>();
    imports.forEach(
        (from, targets) -> {
          for (String to : targets) {
            boolean allowed =
                LEAVES.contains(to) && (!LEAVES.contains(from) || from.equals("io") && to.isEmpty())
                    || !LEAVES.contains(from)
                        && !LEAVES.contains(to)
                        && ORDER.indexOf(to) > ORDER.indexOf(from);
            if (!allowed) {
              upward.add(name(from) + " -> " + name(to));
            }
          }
        });
    assertTrue(upward.isEmpty(), "imports against the layering " + upward + " in " + imports);
  }

  private static Map<String, Set<String>> imports() throws Exception {
    Map<String, Set<String>> imports = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path folder = SOURCES.relativize(file.getParent());
        String from = folder.toString().replace('/', '.');
        Set<String> targets = imports.computeIfAbsent(from, k -> new TreeSet<>());
        String code = Files.readString(file).replaceFirst("(?m)^package .*$", "");
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
          String to = m.group(1) == null ? "" : m.group(1);
          if (!to.equals(from)) {
            targets.add(to);
          }
        }
      }
    }
    return imports;
  }

  private static List<String> union(List<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String name(String pkg) {
    return pkg.isEmpty() ? "(root)" : pkg;
  }
}
