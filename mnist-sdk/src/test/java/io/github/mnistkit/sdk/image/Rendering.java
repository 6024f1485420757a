package io.github.mnistkit.sdk.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.Function;

/**
 * Ways a real MNIST digit reaches the SDK: sizes, paddings, encodings and capture conditions. Each
 * produces the encoded file bytes that {@link ImageDecoder} then reads.
 */
enum Rendering {
  PNG_28(d -> TestImages.png(TestImages.blackOnWhite(d, 28, 28, 28, 0, 0))),
  PNG_100(d -> TestImages.png(TestImages.blackOnWhite(d, 100, 100, 100, 0, 0))),
  PNG_300_OFF_CENTRE(d -> TestImages.png(TestImages.blackOnWhite(d, 400, 300, 200, 150, 40))),
  PNG_1000(d -> TestImages.png(TestImages.blackOnWhite(d, 1000, 1000, 800, 100, 100))),
  JPEG_300(d -> TestImages.jpeg(TestImages.blackOnWhite(d, 300, 300, 240, 30, 30), 0.8f, false)),
  JPEG_PROGRESSIVE_300(
      d -> TestImages.jpeg(TestImages.blackOnWhite(d, 300, 300, 240, 30, 30), 0.8f, true)),
  JPEG_1000(
      d -> TestImages.jpeg(TestImages.blackOnWhite(d, 1000, 800, 600, 250, 120), 0.8f, false)),
  /** A drawing-canvas export: black strokes, fully transparent RGB 0,0,0 background. */
  CANVAS_RGBA_280(d -> TestImages.png(TestImages.transparentCanvas(d, 280, 220))),
  /** A phone photo stored sideways: pixels rotated, EXIF orientation 6 says turn 90° clockwise. */
  JPEG_EXIF_ROTATED_6(
      d ->
          TestImages.withExifOrientation(
              TestImages.jpeg(
                  rotateCounterClockwise(TestImages.blackOnWhite(d, 300, 240, 200, 60, 20)),
                  0.85f,
                  false),
              6)),
  /** GIMP/ImageMagick style PNG with a gAMA chunk. */
  PNG_GAMA(
      d ->
          TestImages.withGamaChunk(
              TestImages.png(TestImages.blackOnWhite(d, 120, 120, 100, 10, 10)), 45455)),
  PNG_GREY(d -> TestImages.png(grey(TestImages.blackOnWhite(d, 120, 120, 100, 10, 10)))),
  /** Lighting from 120 to 240 across the page, blue ballpoint, sensor noise, JPEG. */
  PHOTO_GRADIENT_BLUE_INK(d -> TestImages.jpeg(TestImages.photo(d, 640, 480, 300), 0.85f, false)),
  /** Photoshop-style CMYK JPEG, ink on the K plate. */
  JPEG_CMYK(d -> cmykJpeg(TestImages.blackOnWhite(d, 160, 160, 140, 10, 10))),
  /** Light ink on a dark page, large: the polarity is inferred, not assumed. */
  PNG_CHALK_ON_BOARD(
      d ->
          TestImages.png(
              TestImages.onPaper(
                  d, 360, 300, 240, 60, 30, new Color(30, 50, 40), new Color(235, 235, 225))));

  private final Function<MnistFixture.Digit, byte[]> encode;

  Rendering(Function<MnistFixture.Digit, byte[]> encode) {
    this.encode = encode;
  }

  byte[] bytes(MnistFixture.Digit digit) {
    return encode.apply(digit);
  }

  static BufferedImage rotateCounterClockwise(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(y, w - 1 - x, image.getRGB(x, y));
      }
    }
    return out;
  }

  static BufferedImage grey(BufferedImage rgb) {
    BufferedImage grey =
        new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        grey.getRaster().setSample(x, y, 0, rgb.getRGB(x, y) & 0xFF); // black on white: R = G = B
      }
    }
    return grey;
  }

  private static byte[] cmykJpeg(BufferedImage blackOnWhite) {
    int w = blackOnWhite.getWidth();
    int h = blackOnWhite.getHeight();
    int[] cmyk = new int[w * h * 4];
    for (int i = 0; i < w * h; i++) {
      cmyk[4 * i + 3] = 255 - (blackOnWhite.getRGB(i % w, i / w) & 0xFF);
    }
    return TestImages.cmykJpeg(w, h, cmyk);
  }
}
