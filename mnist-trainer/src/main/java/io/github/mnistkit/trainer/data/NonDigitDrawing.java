package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.data.IdxDataset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws pictures of things that are not a digit, as a user would photograph or scan them: dark ink
 * on light, slightly tinted paper, anti-aliased, 40–200 pixels. See {@link NonDigitImages} for the
 * kinds.
 */
final class NonDigitDrawing {
  /**
   * Letters that are not written like a digit. Left out: O o Q D (0), U u C c (a 0 left open at the
   * top or side, which the model must still read as 0), I l i j J (1), Z z (2), S s (5), B (8), b G
   * (6), g q y a (9; a single-storey "a" is a 9 without its tail), T t (7, +).
   */
  static final String LETTERS = "AEFHKLMNPRVWXYdefhkmnprvwx";

  /**
   * Symbols. Left out because, scaled to 20 pixels, they are a digit or nothing at all: / \ ( ) | !
   * [ ] { } (a tall single stroke, with a speck or small serifs), ° ¤ © ® (a ring, a 0, with a blur
   * inside), ¶ ♪ (a filled loop on a stem, a 9 or a 6), ' ` , . : ; " - _ (specks, dashes).
   */
  static final String SYMBOLS = "+%$#&@*?=<>~€£§÷×^¥∞√πΩµ✓★";

  /** Fonts the project's evaluation set does not use; any of them may be missing. */
  private static final List<String> PREFERRED_FONTS =
      List.of(
          "DejaVu Sans Condensed",
          "DejaVu Sans Light",
          "DejaVu Serif Condensed",
          "Liberation Sans Narrow",
          "DejaVu Math TeX Gyre");

  private static final List<String> LOGICAL_FONTS =
      List.of(Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG);

  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  private static final List<String> FONTS = installedFonts();

  private final IdxDataset digits;
  private final IdxDataset pictures;

  NonDigitDrawing(IdxDataset digits, IdxDataset pictures) {
    this.digits = digits;
    this.pictures = pictures;
  }

  /** The preferred fonts this JVM has, or the logical fonts every JDK has when it has none. */
  static List<String> installedFonts() {
    List<String> found = new ArrayList<>();
    for (String name : PREFERRED_FONTS) {
      if (new Font(name, Font.PLAIN, 12).getFamily().equals(name)) {
        found.add(name);
      }
    }
    return found.isEmpty() ? LOGICAL_FONTS : List.copyOf(found);
  }

  BufferedImage draw(NonDigitImages.Kind kind, Random random) {
    return switch (kind) {
      case LETTER -> vector(random, (g, size) -> glyph(g, LETTERS, size, 1.0, random));
      case SYMBOL -> vector(random, (g, size) -> glyph(g, SYMBOLS, size, 0.5, random));
      case SCRIBBLE -> vector(random, (g, size) -> scribble(g, size, random));
      case HATCHING -> vector(random, (g, size) -> hatching(g, size, random));
      case BLOT -> vector(random, (g, size) -> blot(g, size, random));
      case STRUCK_OUT -> struckOut(random);
      case PICTURE -> picture(random);
      case GLUED_PAIR -> gluedPair(random);
      case SEGMENT_PIECE -> throw new IllegalArgumentException("pieces come from rows");
    };
  }

  private interface Painter {
    void paint(Graphics2D g, int size);
  }

  private static BufferedImage vector(Random random, Painter painter) {
    int size = 40 + random.nextInt(161);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = pen(image, random);
    g.setColor(new Color(InkLayer.paperColour(random)));
    g.fillRect(0, 0, size, size);
    g.setColor(new Color(InkLayer.inkColour(random)));
    painter.paint(g, size);
    g.dispose();
    InkLayer.addNoise(image, random, random.nextInt(5));
    return image;
  }

  private static Graphics2D pen(BufferedImage image, Random random) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }

  /**
   * A glyph outline, sheared, rotated and squeezed, with a smooth elastic wobble so that no two
   * look alike; filled, or (sometimes) only its outline stroked.
   */
  private static void glyph(Graphics2D g, String alphabet, int size, double wobble, Random r) {
    Font font = font(r);
    char c = alphabet.charAt(r.nextInt(alphabet.length()));
    if (!font.canDisplay(c)) {
      c = "+#%&@*=?AEFHKMNRWXkmwx".charAt(r.nextInt(22));
    }
    Shape outline = font.createGlyphVector(FRC, String.valueOf(c)).getOutline();
    Rectangle2D b = outline.getBounds2D();
    double scale = size * uniform(r, 0.45, 0.8) / Math.max(b.getWidth(), b.getHeight());
    AffineTransform t = new AffineTransform();
    t.translate(size / 2.0 + size * uniform(r, -0.06, 0.06), size / 2.0);
    t.rotate(Math.toRadians(uniform(r, -18, 18)));
    t.shear(uniform(r, -0.35, 0.35), 0);
    t.scale(scale * uniform(r, 0.7, 1.3), scale * uniform(r, 0.8, 1.2));
    t.translate(-b.getCenterX(), -b.getCenterY());
    Shape shape = wobble(t.createTransformedShape(outline), size, wobble, r);
    if (r.nextInt(5) == 0) {
      g.setStroke(round(size * uniform(r, 0.012, 0.03)));
      g.draw(shape);
    } else {
      g.fill(shape);
      if (r.nextBoolean()) {
        g.setStroke(round(size * uniform(r, 0.005, 0.02)));
        g.draw(shape);
      }
    }
  }

  private static Font font(Random r) {
    String family = FONTS.get(r.nextInt(FONTS.size()));
    int style = family.contains("Light") ? Font.PLAIN : r.nextInt(4);
    return new Font(family, style, 64);
  }

  /**
   * {@code shape} flattened and every point moved by a smooth random field of up to {@code 3% ×
   * strength} of the image size: the unevenness of a hand-drawn line.
   */
  static Shape wobble(Shape shape, int size, double strength, Random r) {
    double amplitude = size * uniform(r, 0.01, 0.03) * strength;
    double k1 = 2 * Math.PI / (size * uniform(r, 0.3, 0.9));
    double k2 = 2 * Math.PI / (size * uniform(r, 0.3, 0.9));
    double p1 = r.nextDouble() * 2 * Math.PI;
    double p2 = r.nextDouble() * 2 * Math.PI;
    Path2D.Double out = new Path2D.Double(Path2D.WIND_NON_ZERO);
    double[] c = new double[6];
    for (PathIterator it = shape.getPathIterator(null, 0.5); !it.isDone(); it.next()) {
      int type = it.currentSegment(c);
      if (type == PathIterator.SEG_CLOSE) {
        out.closePath();
        continue;
      }
      double x = c[0] + amplitude * Math.sin(k1 * c[1] + p1);
      double y = c[1] + amplitude * Math.sin(k2 * c[0] + p2);
      if (type == PathIterator.SEG_MOVETO) {
        out.moveTo(x, y);
      } else {
        out.lineTo(x, y);
      }
    }
    return out;
  }

  /** Random curves, zigzags or loops with a varied pen: never a single simple stroke. */
  private static void scribble(Graphics2D g, int size, Random r) {
    g.setStroke(round(size * uniform(r, 0.02, 0.08)));
    Path2D.Double path = new Path2D.Double();
    switch (r.nextInt(4)) {
      case 0 -> curves(path, size, r);
      case 1 -> zigzag(path, size, r);
      case 2 -> loops(path, size, r);
      default -> spiral(path, size, r);
    }
    g.draw(wobble(path, size, 0.6, r));
  }

  private static void curves(Path2D.Double path, int size, Random r) {
    path.moveTo(point(size, r), point(size, r));
    int strokes = 3 + r.nextInt(4);
    for (int i = 0; i < strokes; i++) {
      path.curveTo(
          point(size, r),
          point(size, r),
          point(size, r),
          point(size, r),
          point(size, r),
          point(size, r));
    }
  }

  private static void zigzag(Path2D.Double path, int size, Random r) {
    int turns = 5 + r.nextInt(7);
    double angle = r.nextDouble() * Math.PI;
    double length = size * uniform(r, 0.5, 0.8);
    double amplitude = size * uniform(r, 0.15, 0.35);
    AffineTransform t = AffineTransform.getRotateInstance(angle, size / 2.0, size / 2.0);
    double[] p = new double[2];
    for (int i = 0; i <= turns; i++) {
      p[0] = size / 2.0 - length / 2 + length * i / turns;
      p[1] = size / 2.0 + (i % 2 == 0 ? -amplitude : amplitude) * uniform(r, 0.7, 1);
      t.transform(p, 0, p, 0, 1);
      if (i == 0) {
        path.moveTo(p[0], p[1]);
      } else {
        path.lineTo(p[0], p[1]);
      }
    }
  }

  /** A coil of 3–6 loops along a line, like a pen being tried out. */
  private static void loops(Path2D.Double path, int size, Random r) {
    int loops = 3 + r.nextInt(4);
    double length = size * uniform(r, 0.5, 0.8);
    double radius = size * uniform(r, 0.1, 0.2);
    double angle = uniform(r, -0.6, 0.6);
    AffineTransform t = AffineTransform.getRotateInstance(angle, size / 2.0, size / 2.0);
    double[] p = new double[2];
    int steps = loops * 16;
    for (int i = 0; i <= steps; i++) {
      double phase = 2 * Math.PI * i / 16;
      p[0] = size / 2.0 - length / 2 + length * i / steps + radius * Math.cos(phase);
      p[1] = size / 2.0 + radius * Math.sin(phase) * 1.3;
      t.transform(p, 0, p, 0, 1);
      if (i == 0) {
        path.moveTo(p[0], p[1]);
      } else {
        path.lineTo(p[0], p[1]);
      }
    }
  }

  /** A spiral of at least two turns (one turn would be a 0 or a 6). */
  private static void spiral(Path2D.Double path, int size, Random r) {
    double turns = uniform(r, 2.2, 4);
    double outer = size * uniform(r, 0.3, 0.42);
    double squeeze = uniform(r, 0.7, 1.0);
    int steps = (int) (turns * 24);
    double start = r.nextDouble() * 2 * Math.PI;
    for (int i = 0; i <= steps; i++) {
      double f = (double) i / steps;
      double a = start + 2 * Math.PI * turns * f;
      double radius = outer * (0.08 + 0.92 * f);
      double x = size / 2.0 + radius * Math.cos(a);
      double y = size / 2.0 + radius * Math.sin(a) * squeeze;
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
  }

  /**
   * Parallel lines (4–6), two crossed sets, or a grid. Scaled to 20 pixels, more lines or a wider
   * pen would merge into a blot.
   */
  private static void hatching(Graphics2D g, int size, Random r) {
    double angle = r.nextDouble() * Math.PI;
    int style = r.nextInt(3);
    int count = style == 0 ? 4 + r.nextInt(3) : 3 + r.nextInt(2);
    double spacing = size * uniform(r, 0.6, 0.75) / count;
    g.setStroke(round(spacing * uniform(r, 0.12, 0.3)));
    lines(g, size, angle, count, spacing, r);
    if (style > 0) {
      double second = style == 1 ? angle + uniform(r, 0.5, Math.PI - 0.5) : angle + Math.PI / 2;
      int count2 = 3 + r.nextInt(2);
      lines(g, size, second, count2, size * uniform(r, 0.6, 0.75) / count2, r);
    }
  }

  private static void lines(
      Graphics2D g, int size, double angle, int count, double spacing, Random r) {
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    double half = size * uniform(r, 0.25, 0.4);
    for (int i = 0; i < count; i++) {
      double offset = (i - (count - 1) / 2.0) * spacing + spacing * uniform(r, -0.15, 0.15);
      double cx = size / 2.0 - dy * offset;
      double cy = size / 2.0 + dx * offset;
      double a = half * uniform(r, 0.8, 1.1);
      double b = half * uniform(r, 0.8, 1.1);
      g.draw(new Line2D.Double(cx - dx * a, cy - dy * a, cx + dx * b, cy + dy * b));
    }
  }

  /** One to four filled irregular blobs with smooth edges, or a smudge of soft, uneven ink. */
  private static void blot(Graphics2D g, int size, Random r) {
    int blobs = r.nextInt(3) == 0 ? 2 + r.nextInt(3) : 1;
    for (int i = 0; i < blobs; i++) {
      double radius = size * (blobs == 1 ? uniform(r, 0.15, 0.35) : uniform(r, 0.07, 0.18));
      double cx = size * (blobs == 1 ? 0.5 : uniform(r, 0.25, 0.75));
      double cy = size * (blobs == 1 ? 0.5 : uniform(r, 0.25, 0.75));
      g.fill(blob(cx, cy, radius, uniform(r, 0.5, 1.2), r));
    }
    if (r.nextInt(3) == 0) { // smudge: the blot dragged sideways in fading strokes
      Color ink = g.getColor();
      double angle = r.nextDouble() * 2 * Math.PI;
      for (int k = 1; k <= 4; k++) {
        g.setColor(new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), 200 - 40 * k));
        double shift = size * 0.05 * k;
        g.fill(
            blob(
                size / 2.0 + shift * Math.cos(angle),
                size / 2.0 + shift * Math.sin(angle),
                size * uniform(r, 0.12, 0.25),
                uniform(r, 0.5, 1.2),
                r));
      }
    }
  }

  private static Shape blob(double cx, double cy, double radius, double aspect, Random r) {
    int corners = 7 + r.nextInt(8);
    double[] xs = new double[corners];
    double[] ys = new double[corners];
    for (int i = 0; i < corners; i++) {
      double a = 2 * Math.PI * i / corners;
      double rr = radius * uniform(r, 0.65, 1.3);
      xs[i] = cx + rr * Math.cos(a);
      ys[i] = cy + rr * Math.sin(a) * aspect;
    }
    Path2D.Double shape = new Path2D.Double();
    shape.moveTo((xs[0] + xs[corners - 1]) / 2, (ys[0] + ys[corners - 1]) / 2);
    for (int i = 0; i < corners; i++) {
      int n = (i + 1) % corners;
      shape.quadTo(xs[i], ys[i], (xs[i] + xs[n]) / 2, (ys[i] + ys[n]) / 2);
    }
    shape.closePath();
    return shape;
  }

  /**
   * An MNIST training digit, drawn 2–4× as large, crossed out so heavily that it no longer reads as
   * that digit: a dense zigzag, several crossing strokes, a filled bar, or loops over it.
   */
  private BufferedImage struckOut(Random r) {
    byte[] digit = digits.imageBytes(r.nextInt(digits.size()));
    double scale = uniform(r, 2, 4);
    int[] box = InkLayer.inkBox(digit);
    double w = (box[2] - box[0] + 1) * scale;
    double h = (box[3] - box[1] + 1) * scale;
    int margin = (int) (h * uniform(r, 0.2, 0.5));
    int width = (int) Math.ceil(Math.max(w, h * 0.6)) + 2 * margin;
    int height = (int) Math.ceil(h) + 2 * margin;
    InkLayer layer = new InkLayer(width, height);
    double left = (width - w) / 2;
    layer.stamp(digit, left, margin, scale, scale);
    int inkRgb = InkLayer.inkColour(r);
    BufferedImage image = layer.render(InkLayer.paperColour(r), inkRgb);
    Graphics2D g = pen(image, r);
    g.setColor(new Color(inkRgb));
    double overWidth = Math.max(w, h * 0.5) * 1.2;
    Rectangle2D.Double over =
        new Rectangle2D.Double(left + (w - overWidth) / 2, margin - h * 0.05, overWidth, h * 1.1);
    strikeOut(g, over, scale, r);
    g.dispose();
    InkLayer.addNoise(image, r, r.nextInt(4));
    return image;
  }

  private static void strikeOut(Graphics2D g, Rectangle2D.Double box, double scale, Random r) {
    g.setStroke(round(scale * uniform(r, 1.5, 3)));
    Path2D.Double path = new Path2D.Double();
    switch (r.nextInt(4)) {
      case 0 -> { // dense zigzag, along or across
        int turns = 6 + r.nextInt(6);
        boolean across = r.nextBoolean();
        for (int i = 0; i <= turns; i++) {
          double along = (double) i / turns;
          double side = i % 2 == 0 ? 0.02 : 0.98;
          double x = box.x + box.width * (across ? along : side);
          double y = box.y + box.height * (across ? side : along);
          add(path, i, x, y);
        }
      }
      case 1 -> { // four to six long strokes through the digit at different angles
        int strokes = 4 + r.nextInt(3);
        for (int i = 0; i < strokes; i++) {
          double a = Math.PI * (i + uniform(r, -0.3, 0.3)) / strokes;
          double reach = Math.hypot(box.width, box.height) * 0.55;
          double cx = box.getCenterX() + box.width * uniform(r, -0.1, 0.1);
          double cy = box.getCenterY() + box.height * uniform(r, -0.1, 0.1);
          path.moveTo(cx - reach * Math.cos(a), cy - reach * Math.sin(a));
          path.lineTo(cx + reach * Math.cos(a), cy + reach * Math.sin(a));
        }
      }
      case 2 -> { // a filled bar over the middle half or more of the digit
        double barHeight = box.height * uniform(r, 0.45, 0.7);
        double top = box.y + (box.height - barHeight) * uniform(r, 0.3, 0.7);
        g.fill(new Rectangle2D.Double(box.x, top, box.width, barHeight));
        return;
      }
      default -> { // scribbled over: six to nine curves from edge to edge of the digit
        // (not a coil of loops: scaled to 20 pixels, a coil over a digit is a ring, a 0)
        int curves = 6 + r.nextInt(4);
        path.moveTo(box.x, box.y + box.height * r.nextDouble());
        for (int i = 0; i < curves; i++) {
          boolean right = i % 2 == 0;
          path.curveTo(
              box.x + box.width * r.nextDouble(),
              box.y + box.height * r.nextDouble(),
              box.x + box.width * r.nextDouble(),
              box.y + box.height * r.nextDouble(),
              box.x + (right ? box.width : 0),
              box.y + box.height * r.nextDouble());
        }
      }
    }
    g.draw(path);
  }

  /** A Fashion-MNIST picture, dark on light paper, filled or only its outline. */
  private BufferedImage picture(Random r) {
    byte[] picture = pictures.imageBytes(r.nextInt(pictures.size()));
    int[] box = InkLayer.inkBox(picture);
    double scale = uniform(r, 2, 6);
    double w = (box[2] - box[0] + 1) * scale;
    double h = (box[3] - box[1] + 1) * scale;
    int margin = (int) (Math.max(w, h) * uniform(r, 0.1, 0.3));
    InkLayer layer = new InkLayer((int) Math.ceil(w) + 2 * margin, (int) Math.ceil(h) + 2 * margin);
    layer.stamp(picture, margin, margin, scale, scale);
    if (r.nextInt(3) == 0) {
      layer.outline(0.15f, Math.max(1, (int) Math.round(scale * uniform(r, 0.4, 0.8))));
    }
    BufferedImage image = layer.render(InkLayer.paperColour(r), InkLayer.inkColour(r));
    InkLayer.addNoise(image, r, r.nextInt(4));
    return image;
  }

  /**
   * Two MNIST training digits glued into one image, the second starting at 0.5–0.95 of the first's
   * width (touching or overlapping) and reaching well past its right edge, as a segmenter returns
   * two touching digits.
   */
  private BufferedImage gluedPair(Random r) {
    byte[] first;
    byte[] second;
    int a;
    int b;
    int tries = 0;
    do { // two 1s side by side are a thick 1 or an 11 more often than not
      a = r.nextInt(digits.size());
      b = r.nextInt(digits.size());
    } while (digits.label(a) == 1 && digits.label(b) == 1 && ++tries < 50);
    first = digits.imageBytes(a);
    second = digits.imageBytes(b);
    double scale = uniform(r, 2, 3);
    int[] b1 = InkLayer.inkBox(first);
    int[] b2 = InkLayer.inkBox(second);
    double s2 = scale * uniform(r, 0.85, 1.15);
    double w1 = (b1[2] - b1[0] + 1) * scale;
    double w2 = (b2[2] - b2[0] + 1) * s2;
    double h1 = (b1[3] - b1[1] + 1) * scale;
    double h2 = (b2[3] - b2[1] + 1) * s2;
    // the second must show at least 60% of its width to the right of the first
    double offset = Math.min(0.95, Math.max(uniform(r, 0.5, 0.95), 1 - 0.6 * w2 / w1));
    double dy = h1 * uniform(r, -0.12, 0.12);
    double height = Math.max(h1, h2 + Math.abs(dy));
    int margin = (int) (height * uniform(r, 0.15, 0.4));
    double width = Math.max(w1, offset * w1 + w2);
    InkLayer layer =
        new InkLayer((int) Math.ceil(width) + 2 * margin, (int) Math.ceil(height) + 2 * margin);
    layer.stamp(first, margin, margin + Math.max(0, -dy), scale, scale);
    layer.stamp(second, margin + offset * w1, margin + Math.max(0, dy), s2, s2);
    BufferedImage image = layer.render(InkLayer.paperColour(r), InkLayer.inkColour(r));
    InkLayer.addNoise(image, r, r.nextInt(4));
    return image;
  }

  private static void add(Path2D.Double path, int i, double x, double y) {
    if (i == 0) {
      path.moveTo(x, y);
    } else {
      path.lineTo(x, y);
    }
  }

  private static BasicStroke round(double width) {
    return new BasicStroke(
        (float) Math.max(1, width), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  private static double point(int size, Random r) {
    return size * uniform(r, 0.1, 0.9);
  }

  static double uniform(Random r, double low, double high) {
    return low + (high - low) * r.nextDouble();
  }
}
