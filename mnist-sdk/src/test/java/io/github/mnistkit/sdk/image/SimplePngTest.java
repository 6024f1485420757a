package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.sdk.InvalidImageException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct PNG decoder must give exactly ImageIO's pixels for the files it accepts, and hand
 * every other or damaged file back (null) rather than guess.
 */
class SimplePngTest {
  /** BufferedImage types the JDK writes as 8-bit grey, RGB and RGBA PNGs; -1: grey + alpha. */
  @ParameterizedTest
  @ValueSource(
      ints = {
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_INT_RGB,
        BufferedImage.TYPE_4BYTE_ABGR,
        -1
      })
  void givesImageIosPixelsForEveryRowFilter(int type) throws IOException {
    for (int[] size : new int[][] {{28, 28}, {1, 1}, {37, 5}, {5, 61}, {300, 200}}) {
      byte[] png = png(randomStrokes(type, size[0], size[1], size[0] * 31 + size[1]));
      SimplePng simple = SimplePng.header(png);
      assertNotNull(simple, "accepted: type " + type);
      BufferedImage reference = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(ArgbPixels.hasAlpha(reference), simple.hasAlpha());
      assertEquals(reference.getWidth(), simple.width());
      assertEquals(reference.getHeight(), simple.height());
      assertArrayEquals(
          ArgbPixels.read(reference),
          simple.pixels(),
          "type " + type + " " + size[0] + "x" + size[1]);
      // and through the public decoder, which takes this path
      BufferedImage decoded = ImageDecoder.create().decode(png);
      assertArrayEquals(ArgbPixels.read(reference), ArgbPixels.read(decoded));
    }
  }

  @Test
  void otherPngsAreLeftToImageIo() throws IOException {
    assertNull(SimplePng.header(png(new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY))));
    assertNull(SimplePng.header(png(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED))));
    assertNull(SimplePng.header(png(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY))));
    byte[] gray = png(randomStrokes(BufferedImage.TYPE_BYTE_GRAY, 28, 28, 3));
    byte[] withGamma = TestImages.withGamaChunk(gray, 45455);
    assertNotNull(SimplePng.header(withGamma)); // the header alone is fine
    assertNull(SimplePng.header(withGamma).pixels()); // gAMA: ImageIO decides
    byte[] withText =
        TestImages.insert(gray, 33, TestImages.pngChunk("tEXt", "Comment\0digit".getBytes()));
    assertArrayEquals(SimplePng.header(gray).pixels(), SimplePng.header(withText).pixels());
  }

  @Test
  void everyTruncationAndEveryFlippedByteIsHandedBack() throws IOException {
    byte[] png = png(randomStrokes(BufferedImage.TYPE_BYTE_GRAY, 28, 28, 5));
    for (int length = 0; length < png.length; length++) {
      SimplePng simple = SimplePng.header(Arrays.copyOf(png, length));
      assertNull(simple == null ? null : simple.pixels(), "truncated to " + length + " bytes");
    }
    for (int i = 0; i < png.length; i++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] flipped = png.clone();
        flipped[i] ^= (byte) (1 << bit);
        SimplePng simple = SimplePng.header(flipped);
        assertNull(simple == null ? null : simple.pixels(), "bit " + bit + " of byte " + i);
      }
    }
  }

  @Test
  void aTruncatedPngIsStillRefusedWithImageIosReason() throws IOException {
    byte[] png = png(randomStrokes(BufferedImage.TYPE_BYTE_GRAY, 28, 28, 9));
    InvalidImageException e =
        assertThrows(
            InvalidImageException.class,
            () -> ImageDecoder.create().decode(Arrays.copyOf(png, png.length / 2)));
    assertTrue(e.getMessage().contains("PNG data"), e.getMessage());
  }

  /** Blobs and lines over a gradient, so that the encoder picks different filters per row. */
  private static BufferedImage randomStrokes(int type, int width, int height, long seed) {
    BufferedImage image =
        type == -1 ? TestImages.grayAlpha(width, height) : new BufferedImage(width, height, type);
    WritableRaster raster = image.getRaster();
    Random random = new Random(seed);
    int bands = raster.getNumBands();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int b = 0; b < bands; b++) {
          int base = (x * 7 + y * 3 + b * 50) & 0xFF;
          int value = random.nextInt(10) == 0 ? random.nextInt(256) : base;
          raster.setSample(x, y, b, value);
        }
      }
    }
    return image;
  }

  private static byte[] png(BufferedImage image) {
    return TestImages.write(image, "png");
  }
}
