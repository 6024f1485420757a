package io.github.mnistkit.trainer.report;

import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.stats.Proportion;
import io.github.mnistkit.trainer.train.EpochStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A report a person opens in a browser: one self-contained HTML file (no scripts, no external URLs)
 * with PNG images beside it: loss and accuracy per epoch, the confusion matrix as a heat-map and a
 * grid of misclassified images. Every file is written atomically.
 *
 * <pre>{@code
 * HtmlReport.builder("Training report").fact("Architecture", "cnn").history(result.history())
 *     .evaluation(evaluation).build().write(dir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
  public static final String FILE = "report.html";
  public static final String LOSS = "loss.png";
  public static final String ACCURACY = "accuracy.png";
  public static final String CONFUSION = "confusion.png";
  public static final String MISCLASSIFIED = "misclassified.png";
  static final int CHART_WIDTH = 540;
  static final int CHART_HEIGHT = 360;
  static final int CONFUSION_SIZE = 560;

  private final Builder builder;

  private HtmlReport(Builder builder) {
    this.builder = builder;
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** The files written: the HTML first, then its images. */
  public record Written(Path html, List<Path> images) {}

  /** Writes {@code htmlFile} and its images into the same folder. */
  public Written write(Path htmlFile) {
    Path directory = htmlFile.toAbsolutePath().getParent();
    List<Path> images = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(escape(builder.title)).append("</h1>\n");
    body.append("<div class=\"facts\">");
    table(body, "Summary", List.of("", ""), builder.facts, false);
    body.append("</div>\n");
    if (!builder.comparison.isEmpty()) {
      table(body, "Before and after", List.of("", "before", "after"), builder.comparison, true);
    }
    if (!builder.history.isEmpty()) {
      body.append("<h2>Per epoch</h2>\n<div class=\"row\">\n");
      Path loss = directory.resolve(builder.prefix + LOSS);
      Charts.writePng(
          loss,
          Charts.perEpoch(
              "Loss",
              "cross-entropy loss",
              builder.history,
              EpochStats::trainLoss,
              EpochStats::validationLoss),
          CHART_WIDTH,
          CHART_HEIGHT);
      Path accuracy = directory.resolve(builder.prefix + ACCURACY);
      Charts.writePng(
          accuracy,
          Charts.perEpoch(
              "Accuracy",
              "accuracy (fraction)",
              builder.history,
              EpochStats::trainAccuracy,
              EpochStats::validationAccuracy),
          CHART_WIDTH,
          CHART_HEIGHT);
      image(body, loss, "Loss per epoch, train and validation", CHART_WIDTH, CHART_HEIGHT);
      image(body, accuracy, "Accuracy per epoch, train and validation", CHART_WIDTH, CHART_HEIGHT);
      body.append("</div>\n");
      images.add(loss);
      images.add(accuracy);
    }
    if (builder.evaluation != null) {
      images.addAll(evaluation(body, directory, builder.evaluation));
    }
    AtomicFiles.writeString(htmlFile, page(builder.title, body));
    return new Written(htmlFile, images);
  }

  private List<Path> evaluation(StringBuilder body, Path directory, Evaluation evaluation) {
    body.append("<h2>Evaluation on ").append(escape(evaluation.dataset())).append("</h2>\n");
    body.append(
        String.format(
            Locale.ROOT,
            "<p class=\"big\">Accuracy <b>%s</b> (%d of %d images)</p>%n",
            new Proportion(evaluation.correct(), evaluation.total()).withInterval(),
            evaluation.correct(),
            evaluation.total()));
    body.append("<div class=\"row\">\n");
    Path confusion = directory.resolve(builder.prefix + CONFUSION);
    Charts.writePng(confusion, Charts.confusion(evaluation), CONFUSION_SIZE, CONFUSION_SIZE);
    image(
        body,
        confusion,
        "Confusion matrix: rows true digit, columns predicted digit",
        CONFUSION_SIZE,
        CONFUSION_SIZE);
    List<List<String>> digits = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      digits.add(
          List.of(
              Integer.toString(d),
              percent(evaluation.precision(d)),
              percent(evaluation.recall(d)),
              Integer.toString(evaluation.support(d))));
    }
    body.append("<div>");
    table(body, "Per digit", List.of("digit", "precision", "recall", "images"), digits, true);
    body.append("</div>\n</div>\n");
    Path misclassified = directory.resolve(builder.prefix + MISCLASSIFIED);
    AtomicFiles.write(
        misclassified, out -> ImageIO.write(MistakeGrid.draw(evaluation.mistakes()), "png", out));
    body.append(
        String.format(
            Locale.ROOT,
            "<h2>Misclassified images (first %d of %d)</h2>%n",
            evaluation.mistakes().size(),
            evaluation.total() - evaluation.correct()));
    image(
        body,
        misclassified,
        "Misclassified images with true digit, predicted digit and confidence",
        MistakeGrid.width(evaluation.mistakes().size()),
        MistakeGrid.height(evaluation.mistakes().size()));
    return List.of(confusion, misclassified);
  }

  private static void table(
      StringBuilder body,
      String caption,
      List<String> header,
      List<List<String>> rows,
      boolean showHeader) {
    body.append("<table>\n<caption>").append(escape(caption)).append("</caption>\n");
    if (showHeader) {
      body.append("<tr>");
      header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
      body.append("</tr>\n");
    }
    for (List<String> row : rows) {
      body.append("<tr><th>").append(escape(row.get(0))).append("</th>");
      row.subList(1, row.size())
          .forEach(cell -> body.append("<td>").append(escape(cell)).append("</td>"));
      body.append("</tr>\n");
    }
    body.append("</table>\n");
  }

  private static void image(StringBuilder body, Path file, String alt, int width, int height) {
    body.append(
        String.format(
            Locale.ROOT,
            "<img src=\"%s\" alt=\"%s\" width=\"%d\" height=\"%d\">%n",
            escape(file.getFileName().toString()),
            escape(alt),
            width,
            height));
  }

  private static String page(String title, StringBuilder body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + CSS
        + "</style>\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }

  private static final String CSS =
      """
      body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em; color: #222; max-width: 1200px; }
      h1 { font-size: 1.6em; margin-bottom: 0.5em; }
      h2 { font-size: 1.25em; margin-top: 1.5em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
      .row { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
      .facts td { text-align: left; max-width: 40em; }
      .big { font-size: 1.2em; }
      table { border-collapse: collapse; margin: 1em 0; }
      caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
      th, td { border: 1px solid #ddd; padding: 0.25em 0.8em; text-align: right; }
      th { background: #f4f6f8; text-align: left; }
      img { border: 1px solid #eee; max-width: 100%; height: auto; }
      """;

  /** "97.25%", or "n/a" for NaN (not measured). */
  public static String percent(double fraction) {
    return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** What goes into a report; every part is optional except the title. */
  public static final class Builder {
    private final String title;
    private final List<List<String>> facts = new ArrayList<>();
    private final List<List<String>> comparison = new ArrayList<>();
    private List<EpochStats> history = List.of();
    private Evaluation evaluation;
    private String prefix = "";

    private Builder(String title) {
      this.title = title;
    }

    /** A row of the summary table. */
    public Builder fact(String name, String value) {
      facts.add(List.of(name, value));
      return this;
    }

    /** A row of the before/after table. */
    public Builder comparison(String measure, String before, String after) {
      comparison.add(List.of(measure, before, after));
      return this;
    }

    /** Draws loss and accuracy curves. */
    public Builder history(List<EpochStats> history) {
      this.history = List.copyOf(history);
      return this;
    }

    /** Adds accuracy, the confusion heat-map, per-digit figures and misclassified images. */
    public Builder evaluation(Evaluation evaluation) {
      this.evaluation = evaluation;
      return this;
    }

    /**
     * Prefix of the image file names, so that two reports can share a folder ({@code evaluation-}).
     */
    public Builder imagePrefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    public HtmlReport build() {
      return new HtmlReport(this);
    }
  }
}
