package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidImageException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
  private static final Color GREY_200 = new Color(200, 200, 200);

  private final ImageDecoder decoder = ImageDecoder.create();

  @TempDir Path dir;

  @Test
  void pngComesBackPixelExactAsIntRgb() {
    BufferedImage page = TestImages.blackOnWhite(MnistFixture.get(3), 120, 90, 80, 20, 5);
    BufferedImage decoded = decoder.decode(TestImages.png(page));
    assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
    assertArrayEquals(page, decoded, 0);
  }

  /** Commons Imaging alpha6 applies gAMA and returns 149 here; browsers show the stored 200. */
  @Test
  void pngWithGammaChunkIsNotDarkened() {
    byte[] png =
        TestImages.withGamaChunk(TestImages.png(TestImages.uniform(16, 16, GREY_200)), 45455);
    assertTrue(new String(png, StandardCharsets.ISO_8859_1).contains("gAMA"));
    assertEquals(0xFFC8C8C8, decoder.decode(png).getRGB(7, 7));
  }

  /** A grey PNG's samples are display values; the JDK's getRGB would lift 200 to 229. */
  @Test
  void greyPngKeepsItsSampleValues() {
    BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    fill(grey.getRaster(), 0, 200);
    BufferedImage decoded = decoder.decode(TestImages.png(grey));
    assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
    assertEquals(0xFFC8C8C8, decoded.getRGB(3, 3));

    BufferedImage mnist = MnistFixture.get(7).whiteOnBlack();
    BufferedImage digit = decoder.decode(TestImages.png(mnist));
    for (int i = 0; i < 784; i++) {
      int v = MnistFixture.get(7).bytes()[i] & 0xFF;
      assertEquals(0xFF000000 | v << 16 | v << 8 | v, digit.getRGB(i % 28, i / 28), "pixel " + i);
    }
  }

  @Test
  void sixteenBitGreyPngIsScaledTo8Bits() {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
    fill(grey.getRaster(), 0, 200 * 257);
    assertEquals(0xFFC8C8C8, decoder.decode(TestImages.png(grey)).getRGB(1, 1));
  }

  @Test
  void greyWithAlphaPngKeepsGreyAndAlpha() {
    BufferedImage image = TestImages.grayAlpha(8, 8);
    WritableRaster raster = image.getRaster();
    fill(raster, 0, 200);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        raster.setSample(x, y, 1, x < 4 ? 0 : 255);
      }
    }
    BufferedImage decoded = decoder.decode(TestImages.png(image));
    assertEquals(BufferedImage.TYPE_INT_ARGB, decoded.getType());
    assertEquals(0x00C8C8C8, decoded.getRGB(1, 1));
    assertEquals(0xFFC8C8C8, decoded.getRGB(6, 1));
  }

  @Test
  void transparentPngKeepsItsAlpha() {
    BufferedImage canvas = TestImages.transparentCanvas(MnistFixture.get(0), 56, 40);
    BufferedImage decoded = decoder.decode(TestImages.png(canvas));
    assertEquals(BufferedImage.TYPE_INT_ARGB, decoded.getType());
    assertEquals(0, decoded.getRGB(0, 0) >>> 24);
    assertArrayEquals(canvas, decoded, 0);
  }

  @ParameterizedTest(name = "progressive={0}")
  @ValueSource(booleans = {false, true})
  void jpegDecodesCloseToTheSource(boolean progressive) {
    BufferedImage page = TestImages.blackOnWhite(MnistFixture.get(5), 200, 160, 150, 30, 5);
    byte[] jpeg = TestImages.jpeg(page, 0.95f, progressive);
    assertEquals(progressive, TestImages.indexOfMarker(jpeg, 0xC2) >= 0, "SOF2 = progressive");
    BufferedImage decoded = decoder.decode(jpeg);
    assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
    assertEquals(page.getWidth(), decoded.getWidth());
    assertTrue(meanAbsoluteDifference(page, decoded) < 1.5, "JPEG at quality 0.95 is close");
  }

  /**
   * Photoshop-style CMYK JPEG (Adobe APP14, inverted): ImageIO.read would throw or shift colour.
   */
  @Test
  void cmykJpegIsConvertedToRgb() {
    BufferedImage decoded =
        decoder.decode(TestImages.cmykJpeg(16, 16, cmyk(16 * 16, 10, 200, 30, 40)));
    // R = (255 - C)(255 - K) / 255 etc.: (206, 46, 189)
    assertColour(new Color(206, 46, 189), decoded.getRGB(8, 8), 4);
  }

  /** Subsampled decoding keeps the CMYK conversion: a 2400×1800 CMYK JPEG comes back 1200×900. */
  @Test
  void largeCmykJpegIsSubsampledWithCorrectColours() {
    BufferedImage decoded =
        decoder
            .withWorkingSide(512)
            .decode(TestImages.cmykJpeg(2400, 1800, cmyk(2400 * 1800, 10, 200, 30, 40)));
    assertEquals(1200, decoded.getWidth());
    assertEquals(900, decoded.getHeight());
    assertColour(new Color(206, 46, 189), decoded.getRGB(600, 450), 4);
  }

  /** Commons Imaging alpha6 decodes this with wrong colours (207, 46, 190 for C=245...). */
  @Test
  void cmykTiffIsConvertedToRgb() {
    BufferedImage decoded = decoder.decode(TestImages.cmykTiff(4, 4, cmyk(16, 10, 200, 30, 40)));
    assertColour(new Color(206, 46, 189), decoded.getRGB(2, 2), 0);
    BufferedImage paperAndInk =
        decoder.decode(TestImages.cmykTiff(2, 1, new int[] {0, 0, 0, 0, 0, 0, 0, 255}));
    assertEquals(0xFFFFFFFF, paperAndInk.getRGB(0, 0));
    assertEquals(0xFF000000, paperAndInk.getRGB(1, 0));
  }

  @Test
  void bmpAndGifAreDecoded() throws IOException {
    BufferedImage page = TestImages.blackOnWhite(MnistFixture.get(9), 60, 50, 40, 10, 5);
    assertArrayEquals(page, decoder.decode(TestImages.bmp(page)), 0);
    java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(TestImages.uniform(10, 10, GREY_200), "gif", gif);
    assertColour(GREY_200, decoder.decode(gif.toByteArray()).getRGB(5, 5), 0);
  }

  /** ICO was listed as supported but every ICO was refused: now BMP- and PNG-style icons decode. */
  @Test
  void icoIconsDecodeWithCommonsImaging() throws Exception {
    BufferedImage page = TestImages.blackOnWhite(MnistFixture.get(9), 64, 64, 48, 8, 8);
    byte[] bmpIcon =
        org.apache.commons.imaging.Imaging.writeImageToBytes(
            page, org.apache.commons.imaging.ImageFormats.ICO);
    assertArrayEquals(page, decoder.decode(bmpIcon), 0);
    byte[] pngIcon = HostileFiles.icoWithPng(TestImages.png(page), 64, 64);
    assertArrayEquals(page, decoder.decode(pngIcon), 0);
    Path file = Files.write(dir.resolve("favicon.ico"), pngIcon);
    assertEquals(64, decoder.decode(file).getWidth());
  }

  /**
   * An icon whose embedded PNG declares 60000×60000 is refused before Commons Imaging decodes it.
   */
  @Test
  void anIcoBombIsRefusedFromItsEmbeddedHeader() {
    byte[] bomb = HostileFiles.icoWithPng(TestImages.pngHeader(60000, 60000), 0, 0);
    InvalidImageException e = assertThrows(InvalidImageException.class, () -> decoder.decode(bomb));
    assertTrue(e.getMessage().contains("60000x60000 = 3,600,000,000 pixels"), e.getMessage());
  }

  /**
   * Orientation 1–8 after the EXIF table "row 0 is the visual …, column 0 is the visual …": the
   * stored image is built from that table, not from the production code, and the decoder must
   * return the upright image. Four coloured quadrants on a non-square image tell all eight apart.
   */
  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void exifOrientationIsApplied(int orientation) {
    BufferedImage upright = quadrants(64, 48);
    BufferedImage stored = storedAs(upright, orientation);
    byte[] jpeg =
        TestImages.withExifOrientation(TestImages.jpeg(stored, 0.95f, false), orientation);
    assertEquals(orientation, ExifOrientation.read(jpeg));
    BufferedImage decoded = decoder.decode(jpeg);
    assertEquals(64, decoded.getWidth());
    assertEquals(48, decoded.getHeight());
    for (int[] centre : new int[][] {{16, 12}, {48, 12}, {16, 36}, {48, 36}}) {
      assertColour(
          new Color(upright.getRGB(centre[0], centre[1])),
          decoded.getRGB(centre[0], centre[1]),
          24);
    }
    assertTrue(meanAbsoluteDifference(upright, decoded) < 6, "upright everywhere");
  }

  @Test
  void readsTheWholeStreamAndLeavesItOpen() {
    byte[] png = TestImages.png(TestImages.uniform(5, 5, GREY_200));
    boolean[] closed = {false};
    ByteArrayInputStream in =
        new ByteArrayInputStream(png) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    assertEquals(0xFFC8C8C8, decoder.decode(in).getRGB(2, 2));
    assertEquals(0, in.available());
    assertFalse(closed[0]);
  }

  @Test
  void readsFiles() throws IOException {
    Path file =
        Files.write(dir.resolve("digit.png"), TestImages.png(MnistFixture.get(2).whiteOnBlack()));
    assertEquals(28, decoder.decode(file).getWidth());
  }

  @Test
  void pixelLimitIsConfigurable() {
    byte[] png = TestImages.png(TestImages.uniform(100, 100, GREY_200));
    assertEquals(100, decoder.withMaxPixels(10_000).decode(png).getWidth());
    InvalidImageException e =
        assertThrows(InvalidImageException.class, () -> decoder.withMaxPixels(9_999).decode(png));
    assertTrue(e.getMessage().contains("100x100 = 10,000 pixels"), e.getMessage());
    assertTrue(e.getMessage().contains("withMaxPixels"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> decoder.withMaxPixels(0));
    assertEquals(ImageDecoder.DEFAULT_MAX_PIXELS, decoder.maxPixels());
  }

  /**
   * 60000×60000 RGB would need 10.8 GB; the test JVM has 3 GB, so decoding it would fail loudly.
   */
  @Test
  void decompressionBombIsRefusedFromTheHeader() throws IOException {
    Path bomb = Files.write(dir.resolve("bomb.png"), TestImages.pngHeader(60000, 60000));
    assertTrue(Files.size(bomb) < 100);
    InvalidImageException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> assertThrows(InvalidImageException.class, () -> decoder.decode(bomb)));
    assertTrue(e.getMessage().contains("60000x60000 = 3,600,000,000 pixels"), e.getMessage());
  }

  static Stream<Arguments> badFiles() {
    byte[] png = TestImages.png(TestImages.blackOnWhite(MnistFixture.get(1), 100, 100, 80, 10, 10));
    byte[] jpeg =
        TestImages.jpeg(
            TestImages.blackOnWhite(MnistFixture.get(1), 100, 100, 80, 10, 10), 0.9f, false);
    byte[] bmp = TestImages.bmp(TestImages.uniform(40, 40, GREY_200));
    byte[] arithmetic = jpeg.clone();
    arithmetic[TestImages.indexOfMarker(arithmetic, 0xC0) + 1] = (byte) 0xC9; // SOF9
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    return Stream.of(
        bad("empty.png", new byte[0], "empty (0 bytes)"),
        bad("truncated.png", Arrays.copyOf(png, 100), "PNG data is corrupt or truncated"),
        bad("truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), "JPEG data ends early"),
        bad(
            "notes.png",
            "Shopping list: milk, eggs\n".getBytes(StandardCharsets.UTF_8),
            "not in a recognised image format (it is 26 bytes starting with the text \"Shopping"),
        bad(
            "notes.png",
            "Shopping list: milk, eggs\n".getBytes(StandardCharsets.UTF_8),
            "the name ends in .png but the content is not that format"),
        bad(
            "noise.dat",
            random,
            "not in a recognised image format (it is 4096 bytes starting with"),
        bad(
            "bomb.png",
            TestImages.pngHeader(60000, 60000),
            "more than the limit of 50,000,000 pixels"),
        bad("photo.webp", TestImages.webp(), "WebP image, which is not supported"),
        bad("photo.webp", TestImages.webp(), "Convert it to PNG or JPEG"),
        bad("arith.jpg", arithmetic, "arithmetic-coded JPEG"),
        bad("truncated.bmp", Arrays.copyOf(bmp, 60), "BMP data is corrupt or truncated"),
        bad(
            "iphone.heic",
            new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0},
            "HEIC image, which is not supported"));
  }

  private static Arguments bad(String name, byte[] bytes, String reason) {
    return Arguments.of(name, bytes, reason);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("badFiles")
  void badFilesAreRefusedNamingFileAndReason(String name, byte[] bytes, String reason)
      throws IOException {
    Path file = Files.write(dir.resolve(name), bytes);
    InvalidImageException e = assertThrows(InvalidImageException.class, () -> decoder.decode(file));
    assertTrue(e.getMessage().startsWith("Cannot decode image '" + file + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().endsWith("."), "ends with advice: " + e.getMessage());

    InvalidImageException fromBytes =
        assertThrows(InvalidImageException.class, () -> decoder.decode(bytes));
    assertTrue(fromBytes.getMessage().startsWith("Cannot decode image from byte array: "));
    InvalidImageException fromStream =
        assertThrows(
            InvalidImageException.class, () -> decoder.decode(new ByteArrayInputStream(bytes)));
    assertTrue(fromStream.getMessage().startsWith("Cannot decode image from input stream: "));
  }

  @Test
  void missingFileAndDirectoryAreRefusedByName() {
    Path missing = dir.resolve("missing.png");
    InvalidImageException e =
        assertThrows(InvalidImageException.class, () -> decoder.decode(missing));
    assertTrue(
        e.getMessage().contains("'" + missing + "': the file does not exist"), e.getMessage());
    InvalidImageException d = assertThrows(InvalidImageException.class, () -> decoder.decode(dir));
    assertTrue(d.getMessage().contains("'" + dir + "': it is not a regular file"), d.getMessage());
  }

  // ------------------------------------------------------------------ helpers

  private static BufferedImage quadrants(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE};
    for (int q = 0; q < 4; q++) {
      g.setColor(colours[q]);
      g.fillRect(q % 2 * w / 2, q / 2 * h / 2, w / 2, h / 2);
    }
    g.dispose();
    return image;
  }

  /** The pixels a camera stores for {@code upright} with this EXIF orientation. */
  private static BufferedImage storedAs(BufferedImage upright, int orientation) {
    int w = upright.getWidth();
    int h = upright.getHeight();
    boolean swap = orientation >= 5;
    BufferedImage stored =
        new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int ys = 0; ys < stored.getHeight(); ys++) {
      for (int xs = 0; xs < stored.getWidth(); xs++) {
        int[] u =
            switch (orientation) {
              case 1 -> new int[] {xs, ys}; // row 0 top, column 0 left
              case 2 -> new int[] {w - 1 - xs, ys}; // row 0 top, column 0 right
              case 3 -> new int[] {w - 1 - xs, h - 1 - ys}; // row 0 bottom, column 0 right
              case 4 -> new int[] {xs, h - 1 - ys}; // row 0 bottom, column 0 left
              case 5 -> new int[] {ys, xs}; // row 0 left, column 0 top
              case 6 -> new int[] {w - 1 - ys, xs}; // row 0 right, column 0 top
              case 7 -> new int[] {w - 1 - ys, h - 1 - xs}; // row 0 right, column 0 bottom
              case 8 -> new int[] {ys, h - 1 - xs}; // row 0 left, column 0 bottom
              default -> throw new IllegalArgumentException();
            };
        stored.setRGB(xs, ys, upright.getRGB(u[0], u[1]));
      }
    }
    return stored;
  }

  private static int[] cmyk(int pixels, int c, int m, int y, int k) {
    int[] out = new int[pixels * 4];
    for (int i = 0; i < pixels; i++) {
      out[4 * i] = c;
      out[4 * i + 1] = m;
      out[4 * i + 2] = y;
      out[4 * i + 3] = k;
    }
    return out;
  }

  private static void fill(WritableRaster raster, int band, int value) {
    int[] samples = new int[raster.getWidth() * raster.getHeight()];
    Arrays.fill(samples, value);
    raster.setSamples(0, 0, raster.getWidth(), raster.getHeight(), band, samples);
  }

  /** Same size, and every channel of every pixel within {@code tolerance} (0 = exact ARGB). */
  static void assertArrayEquals(BufferedImage expected, BufferedImage actual, int tolerance) {
    assertEquals(expected.getWidth(), actual.getWidth(), "width");
    assertEquals(expected.getHeight(), actual.getHeight(), "height");
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int e = expected.getRGB(x, y);
        int a = actual.getRGB(x, y);
        if (tolerance == 0) {
          assertEquals(e, a, "pixel (" + x + ", " + y + ")");
        } else {
          assertColour(new Color(e, true), a, tolerance);
        }
      }
    }
  }

  private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  private static void assertColour(Color expected, int actual, int tolerance) {
    Color a = new Color(actual, true);
    int diff =
        Math.max(
            Math.abs(expected.getRed() - a.getRed()),
            Math.max(
                Math.abs(expected.getGreen() - a.getGreen()),
                Math.abs(expected.getBlue() - a.getBlue())));
    assertTrue(diff <= tolerance, "expected " + expected + " but was " + a);
  }
}
