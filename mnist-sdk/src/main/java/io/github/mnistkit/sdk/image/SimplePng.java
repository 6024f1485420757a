package io.github.mnistkit.sdk.image;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A direct decoder for the plainest PNG files, the kind digit images usually are (MNIST samples,
 * canvas exports): 8 bits per sample, grey, grey + alpha, RGB or RGBA, not interlaced, with only
 * IHDR, IDAT, IEND and text/time/resolution chunks, every CRC right. It gives exactly the ARGB
 * pixels the JDK's PNG reader gives for such files, without ImageIO's reader lookup, stream and
 * metadata machinery, which costs more than the pixels of a small image.
 *
 * <p>Anything else (palette, 16-bit, interlaced, colour-management or transparency chunks, a bad
 * CRC, truncated or surplus image data, a missing IEND) makes {@link #header} or {@link #pixels}
 * return null, and the caller decodes the file the general way, which also explains what is wrong
 * with a damaged one.
 */
final class SimplePng {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int IHDR = type("IHDR");
  private static final int IDAT = type("IDAT");
  private static final int IEND = type("IEND");
  private static final int[] HARMLESS = {
    type("tEXt"), type("zTXt"), type("iTXt"), type("tIME"), type("pHYs")
  };

  private final byte[] bytes;
  private final int width;
  private final int height;
  private final int channels;

  private SimplePng(byte[] bytes, int width, int height, int channels) {
    this.bytes = bytes;
    this.width = width;
    this.height = height;
    this.channels = channels;
  }

  /** True when {@code bytes} starts with the PNG signature. */
  static boolean isPng(byte[] bytes) {
    if (bytes.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The header of a PNG this class decodes, or null when it is not one (the caller then uses the
   * general decoder). Reads nothing but the IHDR chunk.
   */
  static SimplePng header(byte[] bytes) {
    // signature, IHDR length (13), "IHDR", 13 bytes, CRC
    if (!isPng(bytes) || bytes.length < 33 || int32(bytes, 8) != 13 || int32(bytes, 12) != IHDR) {
      return null;
    }
    if (!crcMatches(bytes, 12, 13)) {
      return null;
    }
    int width = int32(bytes, 16);
    int height = int32(bytes, 20);
    int bitDepth = bytes[24];
    int colourType = bytes[25];
    boolean standard = bytes[26] == 0 && bytes[27] == 0 && bytes[28] == 0; // deflate, no interlace
    int channels =
        switch (colourType) {
          case 0 -> 1;
          case 2 -> 3;
          case 4 -> 2;
          case 6 -> 4;
          default -> 0;
        };
    if (width <= 0 || height <= 0 || bitDepth != 8 || channels == 0 || !standard) {
      return null;
    }
    return new SimplePng(bytes, width, height, channels);
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  boolean hasAlpha() {
    return channels == 2 || channels == 4;
  }

  /**
   * The pixels as row-major ARGB (opaque alpha 0xFF where the image has none), or null when the
   * file is not as simple as its header promised or is damaged. Call only after the size has been
   * checked against the caller's limits: this allocates about 5 bytes per pixel.
   */
  int[] pixels() {
    long rowBytes = 1L + (long) width * channels;
    long rawSize = rowBytes * height;
    if (rawSize > Integer.MAX_VALUE - 8) {
      return null;
    }
    byte[] raw = inflateImageData((int) rawSize);
    return raw == null ? null : unfilter(raw, (int) rowBytes);
  }

  /** The image data, inflated, exactly {@code size} bytes; null on anything unexpected. */
  private byte[] inflateImageData(int size) {
    byte[] raw = new byte[size];
    int produced = 0;
    boolean seenData = false;
    boolean dataEnded = false;
    Inflater inflater = new Inflater();
    try {
      int at = 33; // after the IHDR chunk
      while (true) {
        if (at > bytes.length - 12) {
          return null; // no room for another chunk: IEND is missing
        }
        int length = int32(bytes, at);
        int type = int32(bytes, at + 4);
        if (length < 0 || length > bytes.length - at - 12 || !crcMatches(bytes, at + 4, length)) {
          return null;
        }
        if (type == IEND) {
          return seenData && inflater.finished() && produced == size ? raw : null;
        } else if (type == IDAT) {
          if (dataEnded || inflater.finished()) {
            return null; // IDAT chunks must be consecutive, and hold one zlib stream
          }
          seenData = true;
          inflater.setInput(bytes, at + 8, length);
          produced = inflate(inflater, raw, produced);
          if (produced < 0 || (inflater.finished() && inflater.getRemaining() > 0)) {
            return null;
          }
        } else if (isHarmless(type)) {
          dataEnded |= seenData;
        } else {
          return null;
        }
        at += 12 + length;
      }
    } catch (DataFormatException e) {
      return null; // corrupt deflate stream: the general decoder reports it
    } finally {
      inflater.end();
    }
  }

  /**
   * Inflates the current input into {@code raw} from {@code produced} on; the new count, or -1 when
   * the stream holds more than {@code raw} takes, needs a dictionary or makes no progress.
   */
  private static int inflate(Inflater inflater, byte[] raw, int produced)
      throws DataFormatException {
    byte[] surplus = new byte[1];
    while (!inflater.needsInput() && !inflater.finished()) {
      long read = inflater.getBytesRead();
      int n =
          produced < raw.length
              ? inflater.inflate(raw, produced, raw.length - produced)
              : inflater.inflate(surplus, 0, 1);
      if (produced == raw.length && n > 0) {
        return -1; // more image data than the header's size needs
      }
      if (n == 0 && (inflater.needsDictionary() || inflater.getBytesRead() == read)) {
        return -1;
      }
      produced += n;
    }
    return produced;
  }

  /** Undoes the per-row filters of {@code raw} and packs the rows as ARGB; null on a bad filter. */
  private int[] unfilter(byte[] raw, int rowBytes) {
    int[] argb = new int[width * height];
    int bpp = channels;
    byte[] previous = new byte[rowBytes - 1];
    byte[] row = new byte[rowBytes - 1];
    for (int y = 0; y < height; y++) {
      int start = y * rowBytes;
      int filter = raw[start];
      System.arraycopy(raw, start + 1, row, 0, row.length);
      if (!unfilterRow(filter, row, previous, bpp)) {
        return null;
      }
      pack(row, argb, y * width);
      byte[] swap = previous;
      previous = row;
      row = swap;
    }
    return argb;
  }

  private static boolean unfilterRow(int filter, byte[] row, byte[] up, int bpp) {
    int n = row.length;
    switch (filter) {
      case 0 -> {}
      case 1 -> {
        for (int i = bpp; i < n; i++) {
          row[i] += row[i - bpp];
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          row[i] += up[i];
        }
      }
      case 3 -> {
        for (int i = 0; i < n; i++) {
          int left = i >= bpp ? row[i - bpp] & 0xFF : 0;
          row[i] += (byte) ((left + (up[i] & 0xFF)) >>> 1);
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
          int b = up[i] & 0xFF;
          int c = i >= bpp ? up[i - bpp] & 0xFF : 0;
          row[i] += (byte) paeth(a, b, c);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }

  private void pack(byte[] row, int[] argb, int offset) {
    switch (channels) {
      case 1 -> {
        for (int x = 0; x < width; x++) {
          int g = row[x] & 0xFF;
          argb[offset + x] = 0xFF000000 | g << 16 | g << 8 | g;
        }
      }
      case 2 -> {
        for (int x = 0; x < width; x++) {
          int g = row[2 * x] & 0xFF;
          argb[offset + x] = (row[2 * x + 1] & 0xFF) << 24 | g << 16 | g << 8 | g;
        }
      }
      case 3 -> {
        for (int x = 0; x < width; x++) {
          int i = 3 * x;
          argb[offset + x] =
              0xFF000000 | (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | (row[i + 2] & 0xFF);
        }
      }
      default -> {
        for (int x = 0; x < width; x++) {
          int i = 4 * x;
          argb[offset + x] =
              (row[i + 3] & 0xFF) << 24
                  | (row[i] & 0xFF) << 16
                  | (row[i + 1] & 0xFF) << 8
                  | (row[i + 2] & 0xFF);
        }
      }
    }
  }

  private static boolean isHarmless(int type) {
    for (int harmless : HARMLESS) {
      if (type == harmless) {
        return true;
      }
    }
    return false;
  }

  /** Whether the CRC after the {@code length} data bytes matches the type and the data. */
  private static boolean crcMatches(byte[] bytes, int typeAt, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, typeAt, 4 + length);
    return (int) crc.getValue() == int32(bytes, typeAt + 4 + length);
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  private static int type(String name) {
    return name.charAt(0) << 24 | name.charAt(1) << 16 | name.charAt(2) << 8 | name.charAt(3);
  }
}
