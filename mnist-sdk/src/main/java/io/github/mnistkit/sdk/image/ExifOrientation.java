package io.github.mnistkit.sdk.image;

import java.util.HashSet;
import java.util.Set;

/**
 * The EXIF / TIFF orientation tag (values 1–8): how the stored pixels must be turned to be shown
 * upright. Phone cameras store photos sideways and set this tag instead of rotating the pixels.
 *
 * <p>The tag is read by a small reader of its own, bounded by construction: it looks at the JPEG
 * segments before the first scan (or the TIFF header), and at no more than {@value #MAX_IFDS} image
 * file directories of the main IFD chain, each visited once. The Orientation tag lives in IFD0;
 * sub-directories (ExifIFD, GPS, …) are never entered, so a file of thousands of chained or nested
 * directories costs a few reads, not a recursion per directory.
 */
final class ExifOrientation {
  static final int NORMAL = 1;

  /**
   * IFDs of the main chain read at most (IFD0 holds the tag; the chain is followed for leniency).
   */
  static final int MAX_IFDS = 8;

  private static final int ORIENTATION_TAG = 0x0112;
  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int MAX_ENTRIES = 4096;

  private ExifOrientation() {}

  /**
   * The orientation recorded in a JPEG's or TIFF's metadata, or {@link #NORMAL} when there is none.
   * Broken metadata is not an error: the pixels may still be fine, so they are shown as stored.
   */
  static int read(byte[] bytes) {
    int value;
    if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
      value = fromJpeg(bytes);
    } else {
      value = fromTiff(bytes, 0, bytes.length);
    }
    return value >= 1 && value <= 8 ? value : NORMAL;
  }

  /** Walks the segments before the first scan; the first APP1 "Exif\0\0" segment decides. */
  private static int fromJpeg(byte[] b) {
    int i = 2;
    while (i + 4 <= b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return NORMAL;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image: no metadata after
        return NORMAL;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length field
        i += 2;
        continue;
      }
      int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
      int body = i + 4;
      int end = Math.min(b.length, i + 2 + length);
      if (marker == 0xE1 && end - body >= 6 && isExifHeader(b, body)) {
        return fromTiff(b, body + 6, end);
      }
      if (length < 2) {
        return NORMAL;
      }
      i += 2 + length;
    }
    return NORMAL;
  }

  private static boolean isExifHeader(byte[] b, int at) {
    return b[at] == 'E'
        && b[at + 1] == 'x'
        && b[at + 2] == 'i'
        && b[at + 3] == 'f'
        && b[at + 4] == 0
        && b[at + 5] == 0;
  }

  /** TIFF structure in {@code b[start, end)}; offsets are relative to {@code start}. */
  private static int fromTiff(byte[] b, int start, int end) {
    Tiff tiff = Tiff.at(b, start, end);
    if (tiff == null) {
      return NORMAL;
    }
    Set<Long> visited = new HashSet<>();
    long ifd = tiff.u32(4);
    for (int n = 0; n < MAX_IFDS && ifd > 0 && visited.add(ifd); n++) {
      if (!tiff.holds(ifd, 2)) {
        return NORMAL;
      }
      int entries = Math.min(tiff.u16(ifd), MAX_ENTRIES);
      for (int e = 0; e < entries; e++) {
        long entry = ifd + 2 + 12L * e;
        if (!tiff.holds(entry, 12)) {
          return NORMAL;
        }
        if (tiff.u16(entry) == ORIENTATION_TAG && tiff.u32(entry + 4) >= 1) {
          int type = tiff.u16(entry + 2);
          return type == SHORT ? tiff.u16(entry + 8) : type == LONG ? (int) tiff.u32(entry + 8) : 0;
        }
      }
      long next = ifd + 2 + 12L * entries;
      ifd = tiff.holds(next, 4) ? tiff.u32(next) : 0;
    }
    return NORMAL;
  }

  /** A TIFF header's byte order and bounds; every read is checked against them. */
  private record Tiff(byte[] b, int start, int end, boolean littleEndian) {
    static Tiff at(byte[] b, int start, int end) {
      if (end - start < 8) {
        return null;
      }
      boolean little = b[start] == 'I' && b[start + 1] == 'I';
      boolean big = b[start] == 'M' && b[start + 1] == 'M';
      Tiff tiff = new Tiff(b, start, end, little);
      return (little || big) && tiff.u16(2) == 42 ? tiff : null;
    }

    boolean holds(long offset, int length) {
      return offset >= 0 && offset + length <= end - start;
    }

    int u16(long offset) {
      int p = start + (int) offset;
      int b0 = b[p] & 0xFF;
      int b1 = b[p + 1] & 0xFF;
      return littleEndian ? b1 << 8 | b0 : b0 << 8 | b1;
    }

    long u32(long offset) {
      long hi = u16(littleEndian ? offset + 2 : offset);
      long lo = u16(littleEndian ? offset : offset + 2);
      return hi << 16 | lo;
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
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          case 8 -> {
            sx = w - 1 - y;
            sy = x;
          }
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
