package io.github.mnistkit.sdk.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds real test images from MNIST digits, and encodes them byte by byte where needed. */
final class TestImages {
  private TestImages() {}

  // ---------------------------------------------------------------- rendering

  /**
   * The digit as dark ink on a light page: a {@code width}×{@code height} page of colour {@code
   * paper}, with the 28×28 digit scaled (bilinear) to {@code digitSize} pixels at (x, y), its ink
   * drawn in {@code ink} with MNIST's intensity as opacity.
   */
  static BufferedImage onPaper(
      MnistFixture.Digit digit,
      int width,
      int height,
      int digitSize,
      int x,
      int y,
      Color paper,
      Color ink) {
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(paper);
    g.fillRect(0, 0, width, height);
    drawInk(g, digit, x, y, digitSize, ink);
    g.dispose();
    return page;
  }

  /** Black MNIST ink on white. */
  static BufferedImage blackOnWhite(
      MnistFixture.Digit digit, int width, int height, int digitSize, int x, int y) {
    return onPaper(digit, width, height, digitSize, x, y, Color.WHITE, Color.BLACK);
  }

  /**
   * The digit as a canvas export: black strokes, alpha = ink, fully transparent RGB 0,0,0
   * elsewhere.
   */
  static BufferedImage transparentCanvas(MnistFixture.Digit digit, int size, int digitSize) {
    BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    drawInk(g, digit, (size - digitSize) / 2, (size - digitSize) / 2, digitSize, Color.BLACK);
    g.dispose();
    return canvas;
  }

  /** Draws the digit's ink in {@code ink}, its MNIST intensity as alpha, scaled bilinearly. */
  static void drawInk(Graphics2D g, MnistFixture.Digit digit, int x, int y, int size, Color ink) {
    BufferedImage stamp = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
    int rgb = ink.getRGB() & 0xFFFFFF;
    for (int i = 0; i < 784; i++) {
      stamp.setRGB(i % 28, i / 28, (digit.bytes()[i] & 0xFF) << 24 | rgb);
    }
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(stamp, x, y, size, size, null);
  }

  /**
   * A phone-photo-like page: lighting falling from 240 on the right to 120 on the left, blue
   * ballpoint ink, Gaussian sensor noise (σ = 4), seeded.
   */
  static BufferedImage photo(MnistFixture.Digit digit, int width, int height, int digitSize) {
    BufferedImage layer = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = layer.createGraphics();
    drawInk(g, digit, (width - digitSize) / 2, (height - digitSize) / 2, digitSize, Color.BLACK);
    g.dispose();
    int[] coverage = layer.getRGB(0, 0, width, height, null, 0, width);
    int[] ink = {30, 60, 160};
    Random noise = new Random(42);
    int[] rgb = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double light = 120 + 120.0 * x / (width - 1);
        double a = (coverage[y * width + x] >>> 24) / 255.0;
        int pixel = 0;
        for (int k = 0; k < 3; k++) {
          double v = light * (1 - a) + ink[k] * (light / 240) * a + noise.nextGaussian() * 4;
          pixel = pixel << 8 | clamp((int) Math.round(v));
        }
        rgb[y * width + x] = pixel;
      }
    }
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    page.setRGB(0, 0, width, height, rgb, 0, width);
    return page;
  }

  /** A uniform page. */
  /** An empty 8-bit grey + alpha image (no {@code BufferedImage} type constant has one). */
  static BufferedImage grayAlpha(int width, int height) {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    return new BufferedImage(
        model, model.createCompatibleWritableRaster(width, height), false, null);
  }

  static BufferedImage uniform(int width, int height, Color color) {
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return page;
  }

  static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  // ---------------------------------------------------------------- encoding

  /** PNG with fast (level 1) deflate: the tests encode megapixel pages. */
  static byte[] png(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    return encode(writer, new IIOImage(image, null, null), param);
  }

  static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    if (progressive) {
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    }
    return encode(writer, new IIOImage(image, null, null), param);
  }

  static byte[] bmp(BufferedImage image) {
    return write(image, "bmp");
  }

  static byte[] gif(BufferedImage image) {
    return write(image, "gif");
  }

  /** {@code image} as ImageIO's default writer for {@code format} encodes it. */
  static byte[] write(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("No ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] encode(ImageWriter writer, IIOImage image, ImageWriteParam param) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, image, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A PNG chunk: length, type, data, CRC-32 of type and data. */
  static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, 4 + data.length);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  /**
   * The PNG with a gAMA chunk (gamma × 100000) inserted after IHDR, as GIMP and ImageMagick write.
   */
  static byte[] withGamaChunk(byte[] png, int gamma) {
    byte[] gama = pngChunk("gAMA", ByteBuffer.allocate(4).putInt(gamma).array());
    return insert(png, 8 + 25, gama); // signature + IHDR chunk
  }

  /** A PNG that is only a signature, an IHDR declaring width×height RGB, a tiny IDAT and IEND. */
  static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    out.writeBytes(pngChunk("IHDR", ihdr.array()));
    out.writeBytes(pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x00, 0x00}));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /**
   * The JPEG with an APP1 Exif segment right after SOI whose IFD0 holds only the Orientation tag
   * (0x0112, SHORT) = {@code orientation}, in big-endian TIFF layout.
   */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD0 at 8
    tiff.putShort((short) 1); // one entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
    tiff.putShort((short) orientation).putShort((short) 0); // value, left-justified
    tiff.putInt(0); // no next IFD
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer app1 = ByteBuffer.allocate(4 + exif.length + tiff.capacity());
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + exif.length + tiff.capacity()));
    app1.put(exif).put(tiff.array());
    return insert(jpeg, 2, app1.array());
  }

  /** The JPEG with an Adobe APP14 segment ({@code transform}: 0 = CMYK, 2 = YCCK) after SOI. */
  static byte[] withAdobeMarker(byte[] jpeg, int transform) {
    byte[] app14 = {
      (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform
    };
    return insert(jpeg, 2, app14);
  }

  /**
   * A CMYK JPEG as Photoshop writes it: Adobe APP14 with transform 0 and inverted samples (255 = no
   * ink). ImageIO writes the 4-channel raster without colour transform.
   */
  static byte[] cmykJpeg(int width, int height, int[] cmykPerPixel) {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    int[] inverted = new int[cmykPerPixel.length];
    for (int i = 0; i < inverted.length; i++) {
      inverted[i] = 255 - cmykPerPixel[i];
    }
    raster.setPixels(0, 0, width, height, inverted);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.95f);
    return withAdobeMarker(encode(writer, new IIOImage(raster, null, null), param), 0);
  }

  /** An uncompressed little-endian CMYK TIFF (Photometric = 5, separated), 8 bits per ink. */
  static byte[] cmykTiff(int width, int height, int[] cmykPerPixel) {
    int entries = 9;
    int ifd = 8;
    int bitsPerSample = ifd + 2 + entries * 12 + 4;
    int data = bitsPerSample + 8;
    ByteBuffer b = ByteBuffer.allocate(data + cmykPerPixel.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
    b.putShort((short) entries);
    tiffEntry(b, 256, 3, 1, width); // ImageWidth
    tiffEntry(b, 257, 3, 1, height); // ImageLength
    tiffEntry(b, 258, 3, 4, bitsPerSample); // BitsPerSample 8,8,8,8 (offset)
    tiffEntry(b, 259, 3, 1, 1); // no compression
    tiffEntry(b, 262, 3, 1, 5); // Photometric: separated (CMYK)
    tiffEntry(b, 273, 4, 1, data); // StripOffsets
    tiffEntry(b, 277, 3, 1, 4); // SamplesPerPixel
    tiffEntry(b, 278, 3, 1, height); // RowsPerStrip
    tiffEntry(b, 279, 4, 1, cmykPerPixel.length); // StripByteCounts
    b.putInt(0);
    for (int i = 0; i < 4; i++) {
      b.putShort((short) 8);
    }
    for (int v : cmykPerPixel) {
      b.put((byte) v);
    }
    return b.array();
  }

  private static void tiffEntry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3 && count == 1) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }

  /** A WebP file header (RIFF, size, WEBP, a VP8L chunk header and a few bytes). */
  static byte[] webp() {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22);
    b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10);
    b.put(new byte[] {0x2F, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    return b.array();
  }

  static byte[] insert(byte[] data, int at, byte[] extra) {
    byte[] out = new byte[data.length + extra.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(data, at, out, at + extra.length, data.length - at);
    return out;
  }

  /** The position of the JPEG marker 0xFF {@code code}, or -1. */
  static int indexOfMarker(byte[] jpeg, int code) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
        return i;
      }
    }
    return -1;
  }
}
