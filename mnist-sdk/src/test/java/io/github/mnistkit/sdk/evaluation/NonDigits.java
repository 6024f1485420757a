package io.github.mnistkit.sdk.evaluation;

import io.github.mnistkit.sdk.data.IdxDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Draws images that hold something other than a digit. */
final class NonDigits {
  /**
   * Letters that do not look like a digit in common handwriting (no O, I, l, S, Z, B, G, g, q…).
   */
  static final String LETTERS = "ACEFHKMNPRTUVWXYacefhkmnprtuvwxy";

  static final String SYMBOLS = "+%$#&@*?!=<>~€£§";
  private static final String[] FONTS = {
    "DejaVu Sans",
    "DejaVu Serif",
    "DejaVu Sans Mono",
    "Liberation Sans",
    "Liberation Serif",
    "Liberation Mono",
    Font.SANS_SERIF,
    Font.SERIF,
    Font.MONOSPACED,
    Font.DIALOG
  };

  enum Kind {
    LETTER("letter"),
    SYMBOL("symbol"),
    SCRIBBLE("scribble"),
    HATCHING("hatching"),
    BLOT("blot"),
    STRUCK_OUT("struck-out digit"),
    PICTURE("Fashion-MNIST picture");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private final IdxDataset digits;
  private final IdxDataset pictures;

  NonDigits(IdxDataset digits, IdxDataset pictures) {
    this.digits = digits;
    this.pictures = pictures;
  }

  BufferedImage draw(Kind kind, Random random) {
    int size = 64 + random.nextInt(97);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xFFFFFF - 0x010101 * random.nextInt(20)));
    g.fillRect(0, 0, size, size);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int v = random.nextInt(60);
    g.setColor(new Color(v, v, Math.min(255, v + random.nextInt(80))));
    switch (kind) {
      case LETTER -> glyph(g, LETTERS, size, random);
      case SYMBOL -> glyph(g, SYMBOLS, size, random);
      case SCRIBBLE -> scribble(g, size, random);
      case HATCHING -> hatching(g, size, random);
      case BLOT -> blot(g, size, random);
      case STRUCK_OUT -> struckOut(g, size, random);
      case PICTURE -> picture(g, size, random);
    }
    g.dispose();
    return image;
  }

  private static void glyph(Graphics2D g, String alphabet, int size, Random random) {
    char c = alphabet.charAt(random.nextInt(alphabet.length()));
    int style = random.nextInt(4); // plain, bold, italic, bold italic
    Font font = new Font(FONTS[random.nextInt(FONTS.length)], style, (int) (size * 0.6));
    AffineTransform distortion = new AffineTransform();
    distortion.rotate(Math.toRadians(RowLayout.uniform(random, -20, 20)));
    distortion.shear(RowLayout.uniform(random, -0.3, 0.3), 0);
    distortion.scale(RowLayout.uniform(random, 0.7, 1.3), RowLayout.uniform(random, 0.8, 1.2));
    g.setFont(font.deriveFont(distortion));
    var bounds = g.getFontMetrics().getStringBounds(String.valueOf(c), g);
    g.drawString(
        String.valueOf(c),
        (float) (size / 2.0 - bounds.getCenterX()),
        (float) (size / 2.0 - bounds.getCenterY()));
  }

  private static void scribble(Graphics2D g, int size, Random random) {
    g.setStroke(pen(size, random));
    int strokes = 2 + random.nextInt(4);
    double x = size * RowLayout.uniform(random, 0.2, 0.8);
    double y = size * RowLayout.uniform(random, 0.2, 0.8);
    for (int i = 0; i < strokes; i++) {
      double nx = size * RowLayout.uniform(random, 0.1, 0.9);
      double ny = size * RowLayout.uniform(random, 0.1, 0.9);
      g.draw(
          new CubicCurve2D.Double(
              x,
              y,
              point(size, random),
              point(size, random),
              point(size, random),
              point(size, random),
              nx,
              ny));
      x = nx;
      y = ny;
    }
  }

  private static void hatching(Graphics2D g, int size, Random random) {
    g.setStroke(pen(size, random));
    int sets = 1 + random.nextInt(2);
    for (int s = 0; s < sets; s++) {
      double angle = random.nextDouble() * Math.PI;
      int lines = 4 + random.nextInt(7);
      double spacing = size * 0.6 / lines;
      double dx = Math.cos(angle);
      double dy = Math.sin(angle);
      for (int i = 0; i < lines; i++) {
        double offset = (i - lines / 2.0) * spacing;
        double cx = size / 2.0 - dy * offset;
        double cy = size / 2.0 + dx * offset;
        double half = size * RowLayout.uniform(random, 0.2, 0.35);
        g.draw(
            new java.awt.geom.Line2D.Double(
                cx - dx * half, cy - dy * half, cx + dx * half, cy + dy * half));
      }
    }
  }

  private static void blot(Graphics2D g, int size, Random random) {
    Path2D.Double shape = new Path2D.Double();
    int corners = 7 + random.nextInt(8);
    double r = size * RowLayout.uniform(random, 0.15, 0.35);
    for (int i = 0; i < corners; i++) {
      double a = 2 * Math.PI * i / corners;
      double radius = r * RowLayout.uniform(random, 0.6, 1.3);
      double x = size / 2.0 + radius * Math.cos(a);
      double y = size / 2.0 + radius * Math.sin(a) * RowLayout.uniform(random, 0.6, 1.2);
      if (i == 0) {
        shape.moveTo(x, y);
      } else {
        shape.lineTo(x, y);
      }
    }
    shape.closePath();
    g.fill(shape);
  }

  /** An MNIST test digit crossed out by a dense zigzag, as people strike out a wrong digit. */
  private void struckOut(Graphics2D g, int size, Random random) {
    int index = random.nextInt(digits.size());
    byte[] bytes = digits.imageBytes(index);
    Color ink = g.getColor();
    for (int i = 0; i < 784; i++) {
      float a = (bytes[i] & 0xFF) / 255f;
      if (a > 0) {
        g.setColor(new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), Math.round(a * 255)));
        double cell = size / 28.0;
        g.fill(new java.awt.geom.Rectangle2D.Double(i % 28 * cell, i / 28 * cell, cell, cell));
      }
    }
    g.setColor(ink);
    g.setStroke(pen(size, random));
    Path2D.Double zigzag = new Path2D.Double();
    int turns = 6 + random.nextInt(6);
    double tilt = RowLayout.uniform(random, -0.3, 0.3);
    for (int i = 0; i <= turns; i++) {
      double x = size * (0.15 + 0.7 * (i % 2));
      double y = size * (0.15 + 0.7 * i / turns) + tilt * (x - size / 2.0);
      if (i == 0) {
        zigzag.moveTo(x, y);
      } else {
        zigzag.lineTo(x, y);
      }
    }
    g.draw(zigzag);
  }

  /** A Fashion-MNIST picture (shirt, shoe, bag…), dark on light, scaled up. */
  private void picture(Graphics2D g, int size, Random random) {
    byte[] bytes = pictures.imageBytes(random.nextInt(pictures.size()));
    BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 784; i++) {
      int v = 255 - (bytes[i] & 0xFF);
      small.setRGB(i % 28, i / 28, v << 16 | v << 8 | v);
    }
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(small, 0, 0, size, size, null);
  }

  private static BasicStroke pen(int size, Random random) {
    float width = (float) (size * RowLayout.uniform(random, 0.03, 0.08));
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  private static double point(int size, Random random) {
    return size * RowLayout.uniform(random, 0.05, 0.95);
  }
}
