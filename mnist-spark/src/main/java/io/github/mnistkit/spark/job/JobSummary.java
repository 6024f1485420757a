package io.github.mnistkit.spark.job;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a job run did.
 *
 * @param images rows written
 * @param counts digit mode: images per digit 0–9; number mode: numbers per length in digits
 * @param noDigit images that held no digit (blank, or refused by the model)
 * @param errors images that could not be read or decoded (their {@code error} column says why)
 * @param seconds wall time of reading, recognising and writing
 */
public record JobSummary(
    long images, Map<Integer, Long> counts, long noDigit, long errors, double seconds) {
  public JobSummary {
    counts = Map.copyOf(counts);
  }

  public double imagesPerSecond() {
    return seconds > 0 ? images / seconds : 0;
  }

  /** The summary as the job prints it. */
  public String format(boolean numberMode) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("images: %,d%n", images));
    text.append(numberMode ? "numbers by length:" : "per digit:");
    new TreeMap<>(counts)
        .forEach((key, count) -> text.append(String.format(" %d=%,d", key, count)));
    text.append(String.format("%nno digit / refused: %,d%n", noDigit));
    text.append(String.format("errors: %,d%n", errors));
    text.append(String.format("time: %.1f s, %,.0f images/s%n", seconds, imagesPerSecond()));
    return text.toString();
  }
}
