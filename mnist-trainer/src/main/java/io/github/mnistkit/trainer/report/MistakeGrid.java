package io.github.mnistkit.trainer.report;

import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.eval.Mistake;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** A grid of wrongly recognised images, each upscaled with its caption "true 7 → 2 (83%)". */
final class MistakeGrid {
  static final int COLUMNS = 6;
  static final int SCALE = 4;
  static final int CELL_WIDTH = 150;
  static final int CELL_HEIGHT = 28 * SCALE + 30;
  private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  private MistakeGrid() {}

  /** The image size for {@code count} mistakes (at least one row, so that "none" can be drawn). */
  static int width(int count) {
    return COLUMNS * CELL_WIDTH;
  }

  static int height(int count) {
    return Math.max(1, (count + COLUMNS - 1) / COLUMNS) * CELL_HEIGHT;
  }

  static BufferedImage draw(List<Mistake> mistakes) {
    BufferedImage grid =
        new BufferedImage(
            width(mistakes.size()), height(mistakes.size()), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.setFont(CAPTION);
      if (mistakes.isEmpty()) {
        g.setColor(Color.DARK_GRAY);
        g.drawString("No misclassified images.", 10, CELL_HEIGHT / 2);
      }
      for (int i = 0; i < mistakes.size(); i++) {
        drawCell(g, mistakes.get(i), (i % COLUMNS) * CELL_WIDTH, (i / COLUMNS) * CELL_HEIGHT);
      }
    } finally {
      g.dispose();
    }
    return grid;
  }

  private static void drawCell(Graphics2D g, Mistake mistake, int x, int y) {
    int size = 28 * SCALE;
    int left = x + (CELL_WIDTH - size) / 2;
    g.drawImage(mistake.image().toBufferedImage(), left, y + 4, size, size, null);
    String caption = caption(mistake);
    FontMetrics metrics = g.getFontMetrics();
    g.setColor(new Color(0x222222));
    g.drawString(
        caption,
        x + (CELL_WIDTH - metrics.stringWidth(caption)) / 2,
        y + size + 4 + metrics.getAscent() + 3);
  }

  static String caption(Mistake mistake) {
    String predicted =
        mistake.predicted() == Evaluation.NO_DIGIT ? "none" : Integer.toString(mistake.predicted());
    return String.format(
        Locale.ROOT,
        "true %d \u2192 %s (%.0f%%)",
        mistake.label(),
        predicted,
        100 * mistake.confidence());
  }
}
