package io.github.mnistkit.sdk.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * Reads any {@link BufferedImage} as packed sRGB ARGB ints, in bulk.
 *
 * <p>Two kinds of image are read from the raster instead of through {@code getRGB}, because the
 * JDK's colour conversion is wrong for what they hold in practice:
 *
 * <ul>
 *   <li>grey images ({@code TYPE_BYTE_GRAY}, 16-bit grey, grey + alpha): the JDK treats the samples
 *       as linear light and brightens them ({@code getRGB} turns 200 into 229), while PNG, JPEG and
 *       pixel data set by callers hold display (sRGB-encoded) values;
 *   <li>CMYK images (the JDK's JPEG and TIFF readers return them): {@code getRGB} adds a gamma lift
 *       on top of the ink conversion. We use the plain conversion R = (1-C)(1-K) etc.
 * </ul>
 */
final class ArgbPixels {
  private ArgbPixels() {}

  /** True when the image has an alpha channel. */
  static boolean hasAlpha(BufferedImage image) {
    return image.getColorModel().hasAlpha();
  }

  /** Reads the whole image into a new row-major ARGB array. */
  static int[] read(BufferedImage image) {
    int[] argb = new int[Math.multiplyExact(image.getWidth(), image.getHeight())];
    readRows(image, 0, image.getHeight(), argb);
    return argb;
  }

  /** Reads rows {@code [y0, y0 + rows)} into {@code dst} as row-major ARGB, opaque alpha = 0xFF. */
  static void readRows(BufferedImage image, int y0, int rows, int[] dst) {
    readRect(image, 0, y0, image.getWidth(), rows, dst);
  }

  /**
   * Reads the {@code w × rows} rectangle at ({@code x0}, {@code y0}) into {@code dst} as row-major
   * ARGB, opaque alpha = 0xFF. Allocates at most the rectangle's size.
   */
  static void readRect(BufferedImage image, int x0, int y0, int w, int rows, int[] dst) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    int type = image.getType();
    if (type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_RGB) {
      raster.getDataElements(x0, y0, w, rows, dst);
      if (type == BufferedImage.TYPE_INT_RGB) {
        for (int i = 0, n = w * rows; i < n; i++) {
          dst[i] |= 0xFF000000;
        }
      }
    } else if (isIntegerComponent(cm, ColorSpace.TYPE_GRAY)) {
      readGray(raster, cm, x0, y0, w, rows, dst);
    } else if (isIntegerComponent(cm, ColorSpace.TYPE_CMYK) && raster.getNumBands() == 4) {
      readCmyk(raster, cm, x0, y0, w, rows, dst);
    } else {
      image.getRGB(x0, y0, w, rows, dst, 0, w);
    }
  }

  private static boolean isIntegerComponent(ColorModel cm, int colorSpaceType) {
    int transfer = cm.getTransferType();
    return cm instanceof ComponentColorModel
        && cm.getColorSpace().getType() == colorSpaceType
        && !cm.isAlphaPremultiplied()
        && (transfer == DataBuffer.TYPE_BYTE
            || transfer == DataBuffer.TYPE_USHORT
            || transfer == DataBuffer.TYPE_INT);
  }

  /**
   * Grey samples are read straight into {@code dst} and expanded in place (no pixel-size garbage).
   */
  private static void readGray(
      Raster raster, ColorModel cm, int x0, int y0, int w, int rows, int[] dst) {
    int n = w * rows;
    raster.getSamples(x0, y0, w, rows, 0, dst);
    int grayMax = (1 << cm.getComponentSize(0)) - 1;
    int[] alpha = cm.hasAlpha() ? raster.getSamples(x0, y0, w, rows, 1, (int[]) null) : null;
    int alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(1)) - 1 : 1;
    for (int i = 0; i < n; i++) {
      int g = to8Bit(dst[i], grayMax);
      int a = alpha == null ? 0xFF : to8Bit(alpha[i], alphaMax);
      dst[i] = a << 24 | g << 16 | g << 8 | g;
    }
  }

  private static void readCmyk(
      Raster raster, ColorModel cm, int x0, int y0, int w, int rows, int[] dst) {
    int n = w * rows;
    int max = (1 << cm.getComponentSize(0)) - 1;
    int[] px = raster.getPixels(x0, y0, w, rows, (int[]) null);
    for (int i = 0; i < n; i++) {
      int c = to8Bit(px[4 * i], max);
      int m = to8Bit(px[4 * i + 1], max);
      int y = to8Bit(px[4 * i + 2], max);
      int k = 255 - to8Bit(px[4 * i + 3], max);
      int r = (255 - c) * k / 255;
      int g = (255 - m) * k / 255;
      int b = (255 - y) * k / 255;
      dst[i] = 0xFF000000 | r << 16 | g << 8 | b;
    }
  }

  private static int to8Bit(int sample, int max) {
    return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
  }
}
