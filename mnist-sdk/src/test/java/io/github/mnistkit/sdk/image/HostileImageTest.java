package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidImageException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small files built to exhaust memory, the stack or the CPU (docs/reliability.md): each gets a
 * documented {@link InvalidImageException} or a sane answer, within bounded memory.
 */
class HostileImageTest {
  /**
   * Far below what the unbounded code asked for (0.7 to 7.8 GB), far above what bounded code uses.
   */
  private static final long ALLOCATION_BOUND = 64L << 20;

  private final ImageDecoder decoder = ImageDecoder.create();
  private final DigitPreprocessor preprocessor = DigitPreprocessor.create();

  /** A few hundred bytes of PNG declaring a 1-pixel-high strip: refused from the header. */
  @ParameterizedTest(name = "{0}x1")
  @ValueSource(ints = {300_000, 1_000_000, 2_000_000, 40_000_000})
  void aPngStripOfAbsurdAspectRatioIsRefusedFromItsHeader(int width) {
    byte[] png = HostileFiles.whitePng(width, 1);
    assertTrue(png.length < 64 * 1024, png.length + " bytes");
    InvalidImageException e = assertThrows(InvalidImageException.class, () -> decoder.decode(png));
    assertTrue(
        e.getMessage().contains(width + "x1 pixels, a long side more than 1000 times"),
        e.getMessage());
  }

  /**
   * The same strips handed over already decoded: the grey conversion reads them in tiles, so its
   * buffers are bounded by the working size (the old code allocated width × ⌈width / 512⌉ ints: 700
   * MB for 300,000×1, 7.8 GB for 1,000,000×1, and overflowed int beyond).
   */
  @ParameterizedTest(name = "{0}x1")
  @ValueSource(ints = {300_000, 1_000_000, 2_000_000, 40_000_000})
  void preprocessingAStripAllocatesBoundedMemory(int width) {
    BufferedImage strip = new BufferedImage(width, 1, BufferedImage.TYPE_BYTE_GRAY);
    long before = allocatedBytes();
    DigitImage digit = preprocessor.toDigit(strip);
    long allocated = allocatedBytes() - before;
    assertTrue(digit.isBlank(), "a uniform strip holds no digit");
    assertTrue(allocated < ALLOCATION_BOUND, "allocated " + allocated + " bytes");
  }

  @Test
  void anOrdinaryLongRowOfDigitsIsStillAccepted() {
    BufferedImage row = TestImages.uniform(4000, 40, Color.WHITE);
    assertEquals(4000, decoder.decode(TestImages.png(row)).getWidth());
  }

  /** A stream that never ends is read up to what an image within the pixel limit can need. */
  @Test
  void anEndlessStreamIsReadOnlyUpToTheLimit() {
    java.io.InputStream endless =
        new java.io.InputStream() {
          @Override
          public int read() {
            return 0;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 0);
            return len;
          }
        };
    InvalidImageException e =
        assertThrows(
            InvalidImageException.class, () -> decoder.withMaxPixels(1000).decode(endless));
    assertTrue(
        e.getMessage().contains("the stream holds more than 16,785,216 bytes"), e.getMessage());
  }

  // ------------------------------------------------------------------ EXIF (item 5)

  @Test
  void threeThousandChainedExifIfdsCostNoRecursion() {
    byte[] jpeg = HostileFiles.jpegWithExifIfds(portraitJpeg(), 6, 3000, false);
    assertTrue(jpeg.length > 50_000 && jpeg.length < 120_000, jpeg.length + " bytes");
    assertEquals(6, ExifOrientation.read(jpeg));
    assertUprightLandscape(decoder.decode(jpeg));
  }

  @Test
  void twoThousandFiveHundredNestedExifIfdPointersCostNoRecursion() {
    byte[] jpeg = HostileFiles.jpegWithExifIfds(portraitJpeg(), 6, 2500, true);
    assertEquals(6, ExifOrientation.read(jpeg));
    assertUprightLandscape(decoder.decode(jpeg));
  }

  @ParameterizedTest(name = "loop back to IFD0: {0}")
  @ValueSource(booleans = {false, true})
  void aTiffWithALongIfdChainIsReadWithItsOrientation(boolean loop) {
    byte[] tiff = HostileFiles.tiffWithIfdChain(portrait(), 6, 5000, loop);
    assertEquals(6, ExifOrientation.read(tiff));
    assertUprightLandscape(decoder.decode(tiff));
  }

  // ------------------------------------------------------------------ JPEG scans (item 6)

  @Test
  void aProgressiveJpegRepeatingOneScanThousandsOfTimesIsRefusedBeforeDecoding() {
    byte[] progressive = TestImages.jpeg(portrait(), 0.9f, true);
    assertTrue(JpegFrame.scanCount(progressive, 1000) < 20, "a normal progressive JPEG");
    assertEquals(48, decoder.decode(progressive).getWidth());
    byte[] repeated = HostileFiles.jpegWithRepeatedScan(progressive, 3000);
    assertTrue(repeated.length < 400_000, repeated.length + " bytes");
    InvalidImageException e =
        assertThrows(InvalidImageException.class, () -> decoder.decode(repeated));
    assertTrue(e.getMessage().contains("more than 100 scans"), e.getMessage());
  }

  // ------------------------------------------------------------------ truncation (item 7)

  @ParameterizedTest(name = "RLE: {0}")
  @ValueSource(booleans = {false, true})
  void aTruncatedPsdIsRefusedNotAnsweredBlank(boolean rle) {
    BufferedImage page = TestImages.blackOnWhite(MnistFixture.get(0), 120, 100, 80, 20, 10);
    byte[] psd = HostileFiles.psd(page, rle);
    BufferedImage whole = decoder.decode(psd);
    assertEquals(page.getRGB(60, 50), whole.getRGB(60, 50));
    for (int keep : new int[] {psd.length - 1, psd.length / 2, 60}) {
      byte[] cut = Arrays.copyOf(psd, keep);
      InvalidImageException e =
          assertThrows(
              InvalidImageException.class,
              () -> decoder.decode(cut),
              "PSD cut to " + keep + " of " + psd.length + " bytes");
      assertTrue(e.getMessage().contains("PSD data ends early"), e.getMessage());
    }
  }

  /**
   * Found by fuzzing: 600-byte PSDs whose header says version 0 (5376×9216 RGB) or 0 channels;
   * Commons Imaging decoded them as megapixels of zeros (2 s each, "no digit").
   */
  @ParameterizedTest(name = "version {0}, {1} channels")
  @org.junit.jupiter.params.provider.CsvSource({"0, 3", "1, 0", "2, 3", "1, 3"})
  void aPsdWithANonsenseHeaderIsRefused(int version, int channels) {
    java.nio.ByteBuffer psd = java.nio.ByteBuffer.allocate(600);
    psd.put("8BPS".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .putShort((short) version)
        .put(new byte[6])
        .putShort((short) channels)
        .putInt(9216)
        .putInt(5376)
        .putShort((short) (channels == 0 ? 256 : 8))
        .putShort((short) 3);
    InvalidImageException e =
        assertThrows(InvalidImageException.class, () -> decoder.decode(psd.array()));
    assertTrue(
        e.getMessage().contains("PSD header declares")
            || e.getMessage().contains("PSD data" + " ends early"),
        e.getMessage());
  }

  /**
   * Found by fuzzing: a tiny TIFF of 1×36 pixels declaring 45 samples of 24 bits each made the
   * JDK's TIFF reader exhaust a 1.5 GB heap. IFD0's geometry is checked before the JDK reads it.
   */
  @Test
  void aTiffDeclaringAbsurdSamplesIsRefusedBeforeTheJdkReadsIt() {
    byte[] tiff =
        HostileFiles.tiffWithIfdChain(TestImages.uniform(1, 36, Color.WHITE), 1, 0, false);
    tiff[10 + 2 * 12 + 9] = 24; // BitsPerSample (entry 2), big-endian SHORT value
    tiff[10 + 7 * 12 + 9] = 45; // SamplesPerPixel (entry 7)
    InvalidImageException e = assertThrows(InvalidImageException.class, () -> decoder.decode(tiff));
    assertTrue(e.getMessage().contains("45 samples per pixel"), e.getMessage());
  }

  /** A 10×10 GIF screen holding a frame that declares 60000×60000: refused from the descriptor. */
  @Test
  void aGifFrameLargerThanTheLimitIsRefusedFromItsDescriptor() {
    java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
    gif.writeBytes("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    gif.writeBytes(new byte[] {10, 0, 10, 0, (byte) 0x80, 0, 0, 0, 0, 0, -1, -1, -1}); // 2 colours
    gif.writeBytes(
        new byte[] {0x2C, 0, 0, 0, 0, 0x60, (byte) 0xEA, 0x60, (byte) 0xEA, 0}); // 60000²
    gif.writeBytes(new byte[] {2, 2, 0x4C, 0x01, 0, 0x3B});
    InvalidImageException e =
        assertThrows(InvalidImageException.class, () -> decoder.decode(gif.toByteArray()));
    assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png", "jpeg", "progressive-jpeg", "tiff", "bmp", "gif"})
  void aTruncatedImageIsRefused(String kind) {
    BufferedImage page = TestImages.photo(MnistFixture.get(3), 300, 240, 160);
    byte[] whole =
        switch (kind) {
          case "png" -> TestImages.png(page);
          case "jpeg" -> TestImages.jpeg(page, 0.9f, false);
          case "progressive-jpeg" -> TestImages.jpeg(page, 0.9f, true);
          case "tiff" -> HostileFiles.tiffWithIfdChain(page, 1, 0, false);
          case "bmp" -> TestImages.bmp(page);
          default -> TestImages.gif(page);
        };
    assertEquals(300, decoder.decode(whole).getWidth());
    byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
    InvalidImageException e = assertThrows(InvalidImageException.class, () -> decoder.decode(cut));
    assertTrue(
        e.getMessage().contains("truncated") || e.getMessage().contains("ends early"),
        e.getMessage());
  }

  // ------------------------------------------------------------------ large images (item 7)

  /** A 12-megapixel photo is decoded at twice the working size, not at 4000×3000. */
  @Test
  void aLargeJpegIsDecodedSubsampledToTheWorkingSize() {
    BufferedImage photo = TestImages.photo(MnistFixture.get(0), 4000, 3000, 2000);
    byte[] jpeg = TestImages.jpeg(photo, 0.85f, false);
    BufferedImage decoded = decoder.withWorkingSide(512).decode(jpeg);
    assertEquals(1000, decoded.getWidth());
    assertEquals(750, decoded.getHeight());
    assertEquals(4000, decoder.decode(jpeg).getWidth(), "full resolution by default");
    DigitImage digit = preprocessor.toDigit(decoded);
    assertFalse(digit.isBlank());
  }

  /**
   * A 12-megapixel phone-style JPEG through the recognizer: decoding allocates a small fraction of
   * the 84 MB that a full-size raster and ARGB copy take (before: 4000×3000 decoded in full).
   */
  @Test
  void recognisingATwelveMegapixelJpegAllocatesAFractionOfItsFullSize() {
    byte[] jpeg =
        TestImages.jpeg(TestImages.photo(MnistFixture.get(0), 4000, 3000, 2000), 0.8f, false);
    try (io.github.mnistkit.sdk.DigitRecognizer recognizer =
        io.github.mnistkit.sdk.DigitRecognizer.builder().threads(1).build()) {
      recognizer.recognize(TestImages.png(TestImages.uniform(8, 8, Color.WHITE))); // warm up
      long before = allocatedBytes();
      int digit = recognizer.recognize(jpeg).digit();
      long allocated = allocatedBytes() - before;
      assertEquals(MnistFixture.get(0).label(), digit);
      assertTrue(allocated < 40L << 20, "allocated " + (allocated >> 20) + " MB");
    }
  }

  // ------------------------------------------------------------------ helpers

  /** 48×64 quadrants (red, green / blue, white) stored sideways for orientation 6. */
  private static BufferedImage portrait() {
    BufferedImage image = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, 48, 64);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 24, 64); // left half white: after turning 90° clockwise, the top half
    g.dispose();
    return image;
  }

  private static byte[] portraitJpeg() {
    return TestImages.jpeg(portrait(), 0.95f, false);
  }

  /** Orientation 6 turns the 48×64 portrait 90° clockwise: 64×48 with the white half on top. */
  private static void assertUprightLandscape(BufferedImage image) {
    assertEquals(64, image.getWidth());
    assertEquals(48, image.getHeight());
    assertTrue((image.getRGB(32, 6) & 0xFF) > 200, "top is white");
    assertTrue((image.getRGB(32, 42) & 0xFF) < 60, "bottom is black");
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
