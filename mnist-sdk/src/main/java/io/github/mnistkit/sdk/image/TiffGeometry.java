package io.github.mnistkit.sdk.image;

import java.util.Locale;

/**
 * Checks the first image directory of a TIFF before the JDK's reader sees it. The JDK sizes working
 * buffers and sample lookup tables from these fields alone: a 271-byte TIFF of 1×36 pixels
 * declaring 45 samples of 24 bits each exhausted a 1.5 GB heap (found by fuzzing).
 */
final class TiffGeometry {
  /** More than RGBA, CMYK and extra channels need. */
  static final int MAX_SAMPLES = 16;

  /** The most raw bytes of one strip or tile. */
  static final long MAX_BLOCK_BYTES = 256L << 20;

  private static final int MAX_ENTRIES = 4096;

  private TiffGeometry() {}

  /** Why the JDK should not decode this TIFF, or null when IFD0's geometry is sane. */
  static String problem(byte[] b) {
    if (b.length < 8) {
      return null;
    }
    boolean little = b[0] == 'I';
    long ifd = u32(b, 4, little);
    if (ifd < 8 || ifd + 2 > b.length) {
      return null; // the decoder reports a broken header itself
    }
    int entries = Math.min(u16(b, (int) ifd, little), MAX_ENTRIES);
    long width = 0;
    long height = 0;
    long samples = 1;
    long bits = 1;
    long rowsPerStrip = Long.MAX_VALUE;
    long tileWidth = 0;
    long tileLength = 0;
    for (int e = 0; e < entries; e++) {
      long entry = ifd + 2 + 12L * e;
      if (entry + 12 > b.length) {
        break;
      }
      int at = (int) entry;
      int tag = u16(b, at, little);
      int type = u16(b, at + 2, little);
      long count = u32(b, at + 4, little);
      long value = type == 3 ? u16(b, at + 8, little) : u32(b, at + 8, little);
      switch (tag) {
        case 256 -> width = value;
        case 257 -> height = value;
        case 258 -> bits = maxBits(b, at, type, count, value, little);
        case 277 -> samples = value;
        case 278 -> rowsPerStrip = value;
        case 322 -> tileWidth = value;
        case 323 -> tileLength = value;
        default -> {}
      }
    }
    if (samples > MAX_SAMPLES) {
      return "its TIFF header declares "
          + samples
          + " samples per pixel (at most "
          + MAX_SAMPLES
          + " are supported)";
    }
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8 && bits != 16 && bits != 32) {
      return "its TIFF header declares "
          + bits
          + " bits per sample (supported: 1, 2, 4, 8, 16, 32)";
    }
    long blockWidth = tileWidth > 0 ? tileWidth : width;
    long blockRows = tileWidth > 0 ? tileLength : Math.min(rowsPerStrip, height);
    double blockBytes = (double) blockWidth * blockRows * samples * bits / 8;
    if (blockBytes > MAX_BLOCK_BYTES) {
      return String.format(
          Locale.ROOT,
          "its TIFF header declares strips or tiles of %,.0f bytes"
              + " (%d×%d pixels), more than the %,d bytes supported",
          blockBytes,
          blockWidth,
          blockRows,
          MAX_BLOCK_BYTES);
    }
    return null;
  }

  /** The largest BitsPerSample value (one per sample; stored inline up to two SHORTs). */
  private static long maxBits(
      byte[] b, int entry, int type, long count, long value, boolean little) {
    if (type != 3 || count <= 1) {
      return value;
    }
    long offset = count <= 2 ? entry + 8 : u32(b, entry + 8, little);
    long max = 0;
    for (long i = 0; i < Math.min(count, MAX_SAMPLES + 1); i++) {
      long at = offset + 2 * i;
      if (at + 2 > b.length) {
        break;
      }
      max = Math.max(max, u16(b, (int) at, little));
    }
    return max;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int b0 = b[at] & 0xFF;
    int b1 = b[at + 1] & 0xFF;
    return little ? b1 << 8 | b0 : b0 << 8 | b1;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long lo = u16(b, little ? at : at + 2, little);
    long hi = u16(b, little ? at + 2 : at, little);
    return hi << 16 | lo;
  }
}
