package io.github.mnistkit.sdk.image;

import java.util.Locale;

/**
 * Checks a PSD file's header and that the file holds all the image data the header declares.
 * Commons Imaging decodes a truncated PSD, or one whose header is nonsense (version 0, no
 * channels), without complaint and fills the image with zeros: a 600-byte file then costs seconds
 * of decoding and answers "no digit" instead of saying the file is damaged.
 */
final class PsdImageData {
  private static final int HEADER = 26;
  private static final int RAW = 0;
  private static final int RLE = 1;

  private PsdImageData() {}

  /**
   * Why the file cannot be a complete PSD ("the PSD data ends early (…)" or "its PSD header …"), or
   * null when its header is valid and its image data complete (or compressed with ZIP, which the
   * decoder checks itself).
   */
  static String problem(byte[] b) {
    if (b.length < HEADER) {
      return "the PSD data ends early (it ends inside the 26-byte header)";
    }
    int version = u16(b, 4);
    long channels = u16(b, 12);
    long height = u32(b, 14);
    long width = u32(b, 18);
    long depth = u16(b, 22);
    if (version != 1) {
      return "its PSD header declares version "
          + version
          + "; only version 1 is supported"
          + " (version 2 is the large-document format PSB)";
    }
    if (channels < 1 || channels > 56 || (depth != 1 && depth != 8 && depth != 16 && depth != 32)) {
      return "its PSD header declares "
          + channels
          + " channels of "
          + depth
          + " bits (valid: 1 to"
          + " 56 channels of 1, 8, 16 or 32 bits)";
    }
    String truncation = truncation(b, channels, height, width, depth);
    return truncation == null ? null : "the PSD data ends early (" + truncation + ")";
  }

  private static String truncation(byte[] b, long channels, long height, long width, long depth) {
    long at = HEADER;
    for (String section :
        new String[] {"colour mode data", "image resources", "layers and masks"}) {
      if (at + 4 > b.length) {
        return "it ends inside the " + section + " section";
      }
      at += 4 + u32(b, (int) at);
      if (at > b.length) {
        return "the " + section + " section runs past the end of the file";
      }
    }
    if (at + 2 > b.length) {
      return "it ends before the image data";
    }
    int compression = u16(b, (int) at);
    at += 2;
    long rows = channels * height; // < 2^48
    long needed;
    if (compression == RAW) {
      long rowBytes = (width * depth + 7) / 8; // < 2^45
      if (rowBytes > 0 && rows > (b.length - at) / rowBytes) {
        return String.format(
            Locale.ROOT,
            "its header declares %,d rows of %,d bytes but the file"
                + " holds %,d bytes of image data",
            rows,
            rowBytes,
            b.length - at);
      }
      needed = rows * rowBytes;
    } else if (compression == RLE) {
      if (at + 2 * rows > b.length) {
        return missing(2 * rows, b.length - at);
      }
      needed = 2 * rows;
      for (long row = 0; row < rows; row++) {
        needed += u16(b, (int) (at + 2 * row));
      }
    } else {
      return null; // ZIP-compressed data is checked by the decoder itself
    }
    return at + needed > b.length ? missing(needed, b.length - at) : null;
  }

  private static String missing(long needed, long present) {
    return String.format(
        Locale.ROOT, "its image data needs %,d bytes but the file holds %,d", needed, present);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  private static long u32(byte[] b, int at) {
    return ((long) u16(b, at) << 16 | u16(b, at + 2)) & 0xFFFFFFFFL;
  }
}
