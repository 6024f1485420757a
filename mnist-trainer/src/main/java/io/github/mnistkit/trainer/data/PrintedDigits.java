package io.github.mnistkit.trainer.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes a labelled {@code 0/ … 9/} folder of printed digits: half rendered with the fonts every
 * JDK has (several families, weights, sizes), half as seven-segment meter-display digits (slanted
 * or upright, with segment gaps); all with small rotations, noise, dark-on-light or light-on-dark.
 * MNIST models read such digits poorly, the seven-segment ones especially; the folder stands in for
 * a user's own data in fine-tuning tests and demos.
 */
public final class PrintedDigits {
  private static final List<String> FAMILIES =
      List.of(Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED, Font.DIALOG, Font.DIALOG_INPUT);

  /**
   * Segments a–g (top, top right, bottom right, bottom, bottom left, top left, middle) per digit.
   */
  private static final String[] SEGMENTS = {
    "abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abfgcd"
  };

  private PrintedDigits() {}

  /**
   * {@code PrintedDigits FOLDER [PER_DIGIT] [SEED]}: writes the folder (default 30 per digit, seed
   * 7).
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: PrintedDigits FOLDER [PER_DIGIT] [SEED]");
      System.exit(2);
    }
    int perDigit = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    generate(Path.of(args[0]), perDigit, seed);
    System.out.println("PrintedDigits: wrote " + perDigit + " images of each digit to " + args[0]);
  }

  /**
   * Writes {@code perDigit} PNG images of each digit under {@code folder}/0 … /9; deterministic per
   * seed.
   */
  public static void generate(Path folder, int perDigit, long seed) {
    Random random = new Random(seed);
    try {
      for (int digit = 0; digit < 10; digit++) {
        Path digitFolder = Files.createDirectories(folder.resolve(Integer.toString(digit)));
        for (int i = 0; i < perDigit; i++) {
          BufferedImage image = render(digit, random);
          ImageIO.write(
              image,
              "png",
              digitFolder.resolve(String.format("printed-%d-%03d.png", digit, i)).toFile());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write printed digits to " + folder + ": " + e.getMessage(), e);
    }
  }

  static BufferedImage render(int digit, Random random) {
    int size = 48 + random.nextInt(81);
    boolean inverted = random.nextDouble() < 0.3;
    int paper = inverted ? 10 + random.nextInt(50) : 190 + random.nextInt(66);
    int ink = inverted ? 200 + random.nextInt(56) : random.nextInt(90);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(new Color(paper, paper, paper));
      g.fillRect(0, 0, size, size);
      g.setColor(new Color(ink, ink, ink));
      if (random.nextBoolean()) {
        drawSevenSegment(g, digit, size, random);
      } else {
        drawFontDigit(g, digit, size, random);
      }
    } finally {
      g.dispose();
    }
    addNoise(image, random, 4 + random.nextInt(10));
    return image;
  }

  private static void drawFontDigit(Graphics2D g, int digit, int size, Random random) {
    int style = random.nextBoolean() ? Font.BOLD : Font.PLAIN;
    float fontSize = size * (0.55f + 0.35f * random.nextFloat());
    g.setFont(
        new Font(FAMILIES.get(random.nextInt(FAMILIES.size())), style, 12).deriveFont(fontSize));
    FontMetrics metrics = g.getFontMetrics();
    String text = Integer.toString(digit);
    double cx = size / 2.0 + (random.nextDouble() - 0.5) * size * 0.15;
    double cy = size / 2.0 + (random.nextDouble() - 0.5) * size * 0.15;
    g.rotate(Math.toRadians((random.nextDouble() * 2 - 1) * 8), cx, cy);
    int x = (int) Math.round(cx - metrics.stringWidth(text) / 2.0);
    int y = (int) Math.round(cy + (metrics.getAscent() - metrics.getDescent()) / 2.0);
    g.drawString(text, x, y);
  }

  private static void drawSevenSegment(Graphics2D g, int digit, int size, Random random) {
    double height = size * (0.55 + 0.3 * random.nextDouble());
    double width = height * (0.45 + 0.15 * random.nextDouble());
    double left = (size - width) / 2 + (random.nextDouble() - 0.5) * size * 0.1;
    double top = (size - height) / 2 + (random.nextDouble() - 0.5) * size * 0.1;
    float thickness = (float) (height * (0.08 + 0.06 * random.nextDouble()));
    double gap = thickness * 0.6;
    g.setStroke(
        new java.awt.BasicStroke(
            thickness, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER));
    g.shear(-0.2 * random.nextDouble(), 0); // meter displays often lean right
    g.translate(size * 0.1, 0);
    double midY = top + height / 2;
    double right = left + width;
    double bottom = top + height;
    for (char segment : SEGMENTS[digit].toCharArray()) {
      switch (segment) {
        case 'a' -> line(g, left + gap, top, right - gap, top);
        case 'b' -> line(g, right, top + gap, right, midY - gap);
        case 'c' -> line(g, right, midY + gap, right, bottom - gap);
        case 'd' -> line(g, left + gap, bottom, right - gap, bottom);
        case 'e' -> line(g, left, midY + gap, left, bottom - gap);
        case 'f' -> line(g, left, top + gap, left, midY - gap);
        default -> line(g, left + gap, midY, right - gap, midY);
      }
    }
  }

  private static void line(Graphics2D g, double x1, double y1, double x2, double y2) {
    g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
  }

  private static void addNoise(BufferedImage image, Random random, int sigma) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int v = (image.getRGB(x, y) & 0xFF) + (int) Math.round(random.nextGaussian() * sigma);
        v = Math.max(0, Math.min(255, v));
        image.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
      }
    }
  }
}
