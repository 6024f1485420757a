package io.github.mnistkit.sdk.image;

import java.io.IOException;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;

/**
 * The EXIF / TIFF orientation tag (values 1–8): how the stored pixels must be turned to be shown
 * upright. Phone cameras store photos sideways and set this tag instead of rotating the pixels.
 */
final class ExifOrientation {
  static final int NORMAL = 1;

  private ExifOrientation() {}

  /**
   * The orientation recorded in a JPEG's or TIFF's metadata, or {@link #NORMAL} when there is none.
   * Broken metadata is not an error: the pixels may still be fine, so they are shown as stored.
   */
  static int read(byte[] bytes) {
    try {
      ImageMetadata metadata = Imaging.getMetadata(bytes);
      TiffField field = null;
      if (metadata instanceof JpegImageMetadata jpeg) {
        field = jpeg.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
      } else if (metadata instanceof TiffImageMetadata tiff) {
        field = tiff.findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
      }
      int value = field == null ? NORMAL : field.getIntValue();
      return value >= 1 && value <= 8 ? value : NORMAL;
    } catch (IOException | RuntimeException e) {
      return NORMAL;
    }
  }

  /** Pixels turned upright; a result of the same size, or with width and height swapped for 5–8. */
  static Pixels apply(Pixels stored, int orientation) {
    if (orientation == NORMAL) {
      return stored;
    }
    int w = stored.width();
    int h = stored.height();
    int[] src = stored.argb();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    int[] dst = new int[src.length];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          case 8 -> { sx = w - 1 - y; sy = x; }
          default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
        }
        dst[y * ow + x] = src[sy * w + sx];
      }
    }
    return new Pixels(dst, ow, oh, stored.hasAlpha());
  }

  /** Row-major ARGB pixels. */
  record Pixels(int[] argb, int width, int height, boolean hasAlpha) {}
}
