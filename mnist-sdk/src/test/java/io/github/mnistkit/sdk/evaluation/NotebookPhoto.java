package io.github.mnistkit.sdk.evaluation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** A row written in blue ink on ruled notebook paper, photographed with a phone. */
final class NotebookPhoto {
  private NotebookPhoto() {}

  static BufferedImage photograph(RowLayout layout, Random random) {
    int h = layout.digitHeight;
    int left = (int) (0.5 * h);
    int width = layout.width + left;
    int height = layout.height + (int) (0.8 * h);
    InkCanvas ink = new InkCanvas(width, height);
    double dy = 0.4 * h;
    layout.drawOnto(ink, left, dy);

    int paper = rgb(232 + random.nextInt(20), 226 + random.nextInt(22), 205 + random.nextInt(30));
    int lineColour =
        rgb(100 + random.nextInt(90), 140 + random.nextInt(75), 200 + random.nextInt(50));
    int inkColour = rgb(15 + random.nextInt(30), 30 + random.nextInt(50), 110 + random.nextInt(70));
    float[][] rgb = new float[3][width * height];
    for (int i = 0; i < width * height; i++) {
      set(rgb, i, paper);
    }
    double spacing = h * RowLayout.uniform(random, 0.75, 1.05);
    double base =
        dy
            + layout.height
            - (layout.height - 1.1 * h) / 2
            + h * RowLayout.uniform(random, -0.1, 0.15);
    double slope = RowLayout.uniform(random, -0.006, 0.006);
    int thickness = 1 + random.nextInt(3);
    for (double lineY = base - spacing * Math.ceil(base / spacing);
        lineY < height;
        lineY += spacing) {
      drawHorizontal(rgb, width, height, lineY, slope, thickness, lineColour);
    }
    if (random.nextBoolean()) {
      drawVertical(rgb, width, height, 0.25 * h, 1 + random.nextInt(2), rgb(215, 95, 95));
    }
    for (int i = 0; i < width * height; i++) {
      float a = Math.min(1f, ink.ink[i] * 1.1f);
      for (int c = 0; c < 3; c++) {
        rgb[c][i] = rgb[c][i] * (1 - a) + channel(inkColour, c) * a;
      }
    }
    light(rgb, width, height, random);
    BufferedImage photo = toImage(rgb, width, height, random);
    if (random.nextDouble() < 0.6) {
      photo = boxBlur(photo);
    }
    return jpegRoundTrip(photo, (float) RowLayout.uniform(random, 0.6, 0.85));
  }

  private static void drawHorizontal(
      float[][] rgb, int w, int h, double y0, double slope, int thickness, int colour) {
    for (int x = 0; x < w; x++) {
      double top = y0 + slope * (x - w / 2.0);
      for (int y = (int) Math.floor(top); y <= (int) Math.ceil(top + thickness); y++) {
        if (y < 0 || y >= h) {
          continue;
        }
        double cover = Math.max(0, Math.min(y + 1, top + thickness) - Math.max(y, top));
        blend(rgb, y * w + x, colour, (float) cover);
      }
    }
  }

  private static void drawVertical(
      float[][] rgb, int w, int h, double x0, int thickness, int colour) {
    for (int y = 0; y < h; y++) {
      for (int x = (int) x0; x < (int) x0 + thickness && x < w; x++) {
        blend(rgb, y * w + x, colour, 1f);
      }
    }
  }

  /** A linear light fall-off in a random direction, 15–40% darker on the far side. */
  private static void light(float[][] rgb, int w, int h, Random random) {
    double angle = random.nextDouble() * 2 * Math.PI;
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    double depth = RowLayout.uniform(random, 0.15, 0.4);
    double span = Math.abs(dx) * w + Math.abs(dy) * h;
    double min = Math.min(0, dx * w) + Math.min(0, dy * h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double t = ((dx * x + dy * y) - min) / span;
        float factor = (float) (1 - depth * t);
        for (int c = 0; c < 3; c++) {
          rgb[c][y * w + x] *= factor;
        }
      }
    }
  }

  private static BufferedImage toImage(float[][] rgb, int w, int h, Random random) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < w * h; i++) {
      float noise = (float) (random.nextGaussian() * 3);
      int r = clamp(rgb[0][i] + noise);
      int g = clamp(rgb[1][i] + noise);
      int b = clamp(rgb[2][i] + noise);
      image.setRGB(i % w, i / w, r << 16 | g << 8 | b);
    }
    return image;
  }

  private static BufferedImage boxBlur(BufferedImage in) {
    int w = in.getWidth();
    int h = in.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int[] sum = new int[3];
        int n = 0;
        for (int j = Math.max(0, y - 1); j <= Math.min(h - 1, y + 1); j++) {
          for (int i = Math.max(0, x - 1); i <= Math.min(w - 1, x + 1); i++) {
            int p = in.getRGB(i, j);
            sum[0] += p >> 16 & 0xFF;
            sum[1] += p >> 8 & 0xFF;
            sum[2] += p & 0xFF;
            n++;
          }
        }
        out.setRGB(x, y, sum[0] / n << 16 | sum[1] / n << 8 | sum[2] / n);
      }
    }
    return out;
  }

  static BufferedImage jpegRoundTrip(BufferedImage image, float quality) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      writer.dispose();
      return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void blend(float[][] rgb, int i, int colour, float amount) {
    for (int c = 0; c < 3; c++) {
      rgb[c][i] = rgb[c][i] * (1 - amount) + channel(colour, c) * amount;
    }
  }

  private static void set(float[][] rgb, int i, int colour) {
    for (int c = 0; c < 3; c++) {
      rgb[c][i] = channel(colour, c);
    }
  }

  private static float channel(int colour, int c) {
    return colour >> (16 - 8 * c) & 0xFF;
  }

  private static int rgb(int r, int g, int b) {
    return r << 16 | g << 8 | b;
  }

  private static int clamp(float v) {
    return Math.max(0, Math.min(255, Math.round(v)));
  }
}
