package io.github.mnistkit.benchmarks;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.evaluation.EvaluationSets;
import io.github.mnistkit.sdk.image.DigitImage;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import io.github.mnistkit.sdk.image.RowCandidates;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the row-reading pictures of docs/preprocessing.md from generated evaluation rows: touching
 * rows with the cuts recognition-driven segmentation chose, ruled-paper photos before and after
 * line removal, and non-digit images with the default model's verdict. Args: output folder (default
 * docs/images).
 */
public final class ReadingGallery {
  private static final int SCALE = 2;

  private ReadingGallery() {}

  public static void main(String[] args) throws IOException {
    Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "docs/images"));
    Path data = Path.of(System.getProperty("mnist.dataDirectory", "test-data/mnist"));
    EvaluationSets sets = EvaluationSets.fromMnistTestWithoutPictures(data);
    DigitPreprocessor preprocessor = DigitPreprocessor.create();
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      List<BufferedImage> panels = new ArrayList<>();
      for (EvaluationSets.Row row : sets.touchingRows(6, 3)) {
        panels.add(cutsPanel(row, preprocessor, recognizer));
      }
      write(stack(panels), out.resolve("touching-row-cuts.png"));
      panels.clear();
      for (EvaluationSets.Row row : sets.ruledPhotos(3, 5)) {
        panels.add(linesPanel(row, preprocessor, recognizer));
      }
      write(stack(panels), out.resolve("ruled-photo-lines.png"));
      write(
          nonDigitsSheet(EvaluationSets.fromMnistTest(data).nonDigits(35, 11), recognizer),
          out.resolve("refused-non-digits.png"));
    }
  }

  /** Non-digit images, each with the 28×28 input the model saw and its verdict. */
  private static BufferedImage nonDigitsSheet(
      List<EvaluationSets.Sample> samples, DigitRecognizer recognizer) {
    int cell = 130;
    int columns = 7;
    int rows = (samples.size() + columns - 1) / columns;
    BufferedImage sheet = canvas(columns * cell, rows * (cell + 60));
    Graphics2D g = graphics(sheet);
    for (int i = 0; i < samples.size(); i++) {
      EvaluationSets.Sample sample = samples.get(i);
      Recognition r = recognizer.recognize(sample.image());
      int x = (i % columns) * cell + 5;
      int y = (i / columns) * (cell + 60) + 5;
      g.drawImage(sample.image(), x, y, 80, 80, null);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.drawImage(r.input().toBufferedImage(), x + 84, y + 24, 36, 36, null);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setColor(r.hasDigit() ? new Color(200, 30, 30) : new Color(20, 120, 40));
      g.drawString(verdict(r), x, y + 98);
      g.setColor(Color.GRAY);
      g.drawString(sample.kind(), x, y + 114);
    }
    g.dispose();
    return sheet;
  }

  private static String verdict(Recognition r) {
    return switch (r.verdict()) {
      case NOT_A_DIGIT -> String.format("not a digit %.0f%%", 100 * r.notADigitProbability());
      case BLANK -> "blank";
      case UNSURE -> String.format("%d? (unsure)", r.digit());
      case DIGIT -> String.format("%d %.0f%%", r.digit(), 100 * r.confidence());
    };
  }

  /** The row, the chosen cuts in red, each digit's box, and the 28×28 inputs with their digits. */
  private static BufferedImage cutsPanel(
      EvaluationSets.Row row, DigitPreprocessor preprocessor, DigitRecognizer recognizer) {
    RowCandidates candidates = preprocessor.toRowCandidates(row.image());
    List<Recognition> all = recognizer.classify(candidates.pieces());
    List<float[]> probabilities = new ArrayList<>();
    for (Recognition r : all) {
      probabilities.add(r.verdict() == Recognition.Verdict.BLANK ? null : r.probabilities());
    }
    int[] path = candidates.bestPath(probabilities);
    BufferedImage image = row.image();
    int w = image.getWidth() * SCALE;
    int h = image.getHeight() * SCALE;
    BufferedImage panel = canvas(Math.max(560, Math.max(w, 60 * path.length) + 20), h + 110);
    Graphics2D g = graphics(panel);
    g.drawImage(image, 10, 10, w, h, null);
    g.setStroke(new BasicStroke(2f));
    g.setColor(new Color(220, 30, 30));
    for (List<Point> cut : candidates.cuts(path)) {
      for (int i = 1; i < cut.size(); i++) {
        g.drawLine(
            10 + cut.get(i - 1).x * SCALE,
            10 + cut.get(i - 1).y * SCALE,
            10 + cut.get(i).x * SCALE,
            10 + cut.get(i).y * SCALE);
      }
    }
    StringBuilder read = new StringBuilder();
    g.setStroke(new BasicStroke(1f));
    for (int k = 0; k < path.length; k++) {
      Recognition r = all.get(path[k]);
      g.setColor(new Color(40, 90, 220));
      g.drawRect(
          10 + r.box().x() * SCALE,
          10 + r.box().y() * SCALE,
          r.box().width() * SCALE,
          r.box().height() * SCALE);
      read.append(r.hasDigit() ? Integer.toString(r.digit()) : "");
      drawInput(g, r, 10 + k * 60, h + 20);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(
        "written " + row.text() + ", read " + read + "  (red: cuts chosen, blue: digit boxes)",
        10,
        h + 100);
    g.dispose();
    return panel;
  }

  /** The photo, the ink found after line removal, and what was read. */
  private static BufferedImage linesPanel(
      EvaluationSets.Row row, DigitPreprocessor preprocessor, DigitRecognizer recognizer) {
    BufferedImage photo = row.image();
    BufferedImage ink = preprocessor.inkMask(photo);
    String read = recognizer.readNumber(photo).text();
    int w = photo.getWidth();
    int h = photo.getHeight();
    BufferedImage panel = canvas(2 * w + 30, h + 40);
    Graphics2D g = graphics(panel);
    g.drawImage(photo, 10, 10, null);
    g.drawImage(ink, 20 + w, 10, w, h, null);
    g.setColor(Color.DARK_GRAY);
    g.drawString("photo (JPEG), written " + row.text(), 10, h + 28);
    g.drawString("ink after line removal, read " + read, 20 + w, h + 28);
    g.dispose();
    return panel;
  }

  private static void drawInput(Graphics2D g, Recognition r, int x, int y) {
    DigitImage input = r.input();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(input.toBufferedImage(), x, y, 56, 56, null);
    g.setColor(Color.DARK_GRAY);
    g.drawString(
        r.hasDigit() ? r.digit() + String.format(" %.2f", r.confidence()) : "–", x, y + 70);
  }

  private static BufferedImage stack(List<BufferedImage> panels) {
    int w = 0;
    int h = 0;
    for (BufferedImage p : panels) {
      w = Math.max(w, p.getWidth());
      h += p.getHeight();
    }
    BufferedImage sheet = canvas(w, h);
    Graphics2D g = sheet.createGraphics();
    int y = 0;
    for (BufferedImage p : panels) {
      g.drawImage(p, 0, y, null);
      y += p.getHeight();
    }
    g.dispose();
    return sheet;
  }

  private static BufferedImage canvas(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    return g;
  }

  private static void write(BufferedImage image, Path file) throws IOException {
    ImageIO.write(image, "png", file.toFile());
    System.out.println("wrote " + file);
  }
}
