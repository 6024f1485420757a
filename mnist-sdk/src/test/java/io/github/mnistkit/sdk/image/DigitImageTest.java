package io.github.mnistkit.sdk.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DigitImageTest {
  private final MnistFixture.Digit seven = MnistFixture.get(0);

  @Test
  void ofMnistBytesDividesUnsignedBytesBy255() {
    byte[] bytes = new byte[784];
    bytes[0] = (byte) 255;
    bytes[1] = (byte) 128;
    bytes[2] = 1;
    DigitImage image = DigitImage.ofMnistBytes(bytes);
    assertEquals(1f, image.pixel(0, 0));
    assertEquals(128 / 255f, image.pixel(1, 0));
    assertEquals(1 / 255f, image.pixel(2, 0));
    assertEquals(0f, image.pixel(3, 0));
    assertArrayEquals(seven.pixels(), DigitImage.ofMnistBytes(seven.bytes()).pixels());
  }

  @Test
  void ofPixelsCopiesItsInputAndPixelsReturnsACopy() {
    float[] source = seven.pixels();
    DigitImage image = DigitImage.ofPixels(source);
    source[300] = 0.5f;
    float[] copy = image.pixels();
    copy[301] = 0.25f;
    assertArrayEquals(seven.pixels(), image.pixels());
    assertNull(image.sourceBox());
  }

  @Test
  void ofPixelsRejectsWrongLengthAndValuesOutsideUnitRange() {
    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> DigitImage.ofPixels(new float[783]));
    assertTrue(length.getMessage().contains("783"), length.getMessage());

    float[] bad = new float[784];
    bad[28 * 3 + 5] = 1.5f;
    IllegalArgumentException range =
        assertThrows(IllegalArgumentException.class, () -> DigitImage.ofPixels(bad));
    assertTrue(range.getMessage().contains("x=5, y=3"), range.getMessage());

    bad[28 * 3 + 5] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> DigitImage.ofPixels(bad));
    bad[28 * 3 + 5] = -0.01f;
    assertThrows(IllegalArgumentException.class, () -> DigitImage.ofPixels(bad));
    assertThrows(IllegalArgumentException.class, () -> DigitImage.ofMnistBytes(new byte[785]));
  }

  @Test
  void blankHasNoInkAndKeepsTheSearchedBox() {
    Box page = new Box(0, 0, 640, 480);
    DigitImage blank = DigitImage.blank(page);
    assertTrue(blank.isBlank());
    assertEquals(page, blank.sourceBox());
    assertArrayEquals(new float[784], blank.pixels());
    assertFalse(DigitImage.ofMnistBytes(seven.bytes()).isBlank());
    assertTrue(DigitImage.ofPixels(new float[784]).isBlank());
  }

  @Test
  void copyToWritesAtTheOffsetWithoutTouchingTheRest() {
    float[] batch = new float[3 * 784];
    java.util.Arrays.fill(batch, -1f);
    DigitImage.ofMnistBytes(seven.bytes()).copyTo(batch, 784);
    for (int i = 0; i < 784; i++) {
      assertEquals(-1f, batch[i]);
      assertEquals(seven.pixels()[i], batch[784 + i]);
      assertEquals(-1f, batch[2 * 784 + i]);
    }
    DigitImage image = DigitImage.ofMnistBytes(seven.bytes());
    assertThrows(IndexOutOfBoundsException.class, () -> image.copyTo(batch, 2 * 784 + 1));
  }

  @Test
  void toBufferedImageIsGreyWithWhiteInk() {
    BufferedImage image = DigitImage.ofMnistBytes(seven.bytes()).toBufferedImage();
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
    assertEquals(28, image.getWidth());
    assertEquals(28, image.getHeight());
    int[] samples = image.getRaster().getSamples(0, 0, 28, 28, 0, (int[]) null);
    for (int i = 0; i < 784; i++) {
      assertEquals(seven.bytes()[i] & 0xFF, samples[i], "pixel " + i);
    }
  }

  @Test
  void equalityIsByPixelsAndSourceBox() {
    DigitImage a = DigitImage.ofMnistBytes(seven.bytes());
    DigitImage b = DigitImage.ofPixels(seven.pixels());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, DigitImage.ofMnistBytes(MnistFixture.get(1).bytes()));
    assertNotEquals(DigitImage.blank(new Box(0, 0, 1, 1)), DigitImage.blank(null));
  }

  @Test
  void deskewedStandsASlantedStrokeUprightAndLeavesUprightOrBlankImagesAlone() {
    float[] slanted = new float[784];
    float[] upright = new float[784];
    for (int y = 4; y < 24; y++) {
      int x = 8 + (24 - y) / 2; // leans right, like italic handwriting
      slanted[y * 28 + x] = 1f;
      slanted[y * 28 + x + 1] = 1f;
      upright[y * 28 + 13] = 1f;
      upright[y * 28 + 14] = 1f;
    }
    Box source = new Box(3, 4, 50, 60);
    DigitImage image = DigitImage.wrap(slanted, source);
    assertTrue(Math.abs(slant(image)) > 0.4, "slant before " + slant(image));
    assertTrue(Math.abs(slant(image.deskewed())) < 0.05, "slant after " + slant(image.deskewed()));
    assertEquals(source, image.deskewed().sourceBox());

    DigitImage straight = DigitImage.ofPixels(upright);
    assertEquals(straight, straight.deskewed());
    float[] dash = new float[784];
    for (int x = 4; x < 24; x++) {
      dash[(x < 14 ? 14 : 15) * 28 + x] = 1f; // a flat stroke, one pixel lower on the right
    }
    DigitImage flat = DigitImage.ofPixels(dash);
    assertTrue(Math.abs(slant(flat)) > DigitImage.MAX_DESKEW_SHEAR, "slant " + slant(flat));
    assertSame(flat, flat.deskewed(), "a dash is not sheared: its moments say nothing of slant");
    DigitImage blank = DigitImage.blank(source);
    assertEquals(blank, blank.deskewed());
    DigitImage seven = DigitImage.ofMnistBytes(this.seven.bytes());
    for (float v : seven.deskewed().pixels()) {
      assertTrue(v >= 0f && v <= 1f, "pixel " + v);
    }
  }

  /** Covariance of x and y over the variance of y: how far the ink leans per row. */
  private static double slant(DigitImage image) {
    InkCentre centre = InkCentre.of(image.pixels(), 28, 28);
    double mx = centre.x();
    double my = centre.y();
    double covariance = 0;
    double variance = 0;
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        covariance += image.pixel(x, y) * (x - mx) * (y - my);
        variance += image.pixel(x, y) * (y - my) * (y - my);
      }
    }
    return covariance / variance;
  }

  @Test
  void boxRejectsNegativeSize() {
    assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, -1, 5));
    assertEquals(30, new Box(10, 20, 20, 5).right());
    assertEquals(25, new Box(10, 20, 20, 5).bottom());
  }
}
