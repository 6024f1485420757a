package io.github.mnistkit.sdk.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Small files that cost a careless decoder gigabytes, stack overflows or minutes; each is built
 * byte by byte from its format's specification, as an attacker would.
 */
final class HostileFiles {
  private HostileFiles() {}

  /**
   * A valid 8-bit grey PNG of width×height white pixels, deflated as it is written (no big array).
   */
  static byte[] whitePng(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit grey
    Deflater deflater = new Deflater(9);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    byte[] row = new byte[1 + Math.min(width, 1 << 16)];
    java.util.Arrays.fill(row, (byte) 0xFF);
    byte[] buffer = new byte[1 << 16];
    for (int y = 0; y < height; y++) {
      long remaining = width + 1L;
      boolean first = true;
      while (remaining > 0) {
        int n = (int) Math.min(remaining, row.length);
        row[0] = first ? 0 : (byte) 0xFF; // filter type 0 at the start of each row
        deflater.setInput(row, 0, n);
        while (!deflater.needsInput()) {
          idat.write(buffer, 0, deflater.deflate(buffer));
        }
        row[0] = (byte) 0xFF;
        remaining -= n;
        first = false;
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      idat.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    out.writeBytes(TestImages.pngChunk("IHDR", ihdr.array()));
    out.writeBytes(TestImages.pngChunk("IDAT", idat.toByteArray()));
    out.writeBytes(TestImages.pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /**
   * The JPEG with an APP1 Exif segment whose IFD0 holds Orientation = {@code orientation} and links
   * to {@code extra} more IFDs: chained by their next-IFD offsets ({@code nested} false), or each
   * the ExifIFD (tag 0x8769) of the one before ({@code nested} true).
   */
  static byte[] jpegWithExifIfds(byte[] jpeg, int orientation, int extra, boolean nested) {
    int ifd0Size = 2 + (nested ? 2 : 1) * 12 + 4;
    int ifdSize = 2 + 12 + 4;
    ByteBuffer tiff =
        ByteBuffer.allocate(8 + ifd0Size + extra * ifdSize).order(ByteOrder.BIG_ENDIAN);
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    for (int i = 0; i <= extra; i++) {
      int next = i < extra ? 8 + ifd0Size + i * ifdSize : 0;
      if (i == 0) {
        tiff.putShort((short) (nested ? 2 : 1));
        entry(tiff, 0x0112, 3, 1, orientation); // Orientation
      } else {
        tiff.putShort((short) 1);
      }
      if (nested) {
        entry(tiff, 0x8769, 4, 1, next); // ExifIFD pointer to the next directory
        tiff.putInt(0);
      } else {
        if (i > 0) {
          entry(tiff, 0x9000, 7, 4, 0x30323330); // ExifVersion "0230"
        }
        tiff.putInt(next); // next IFD in the chain
      }
    }
    return withApp1Exif(jpeg, tiff.array());
  }

  private static byte[] withApp1Exif(byte[] jpeg, byte[] tiff) {
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + exif.length + tiff.length;
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("APP1 segment of " + length + " bytes");
    }
    ByteBuffer app1 = ByteBuffer.allocate(2 + length);
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exif).put(tiff);
    return TestImages.insert(jpeg, 2, app1.array());
  }

  /**
   * An uncompressed 8-bit grey big-endian TIFF of {@code image} with Orientation = {@code
   * orientation} in IFD0, followed by {@code extra} chained IFDs; the last links back to IFD0 when
   * {@code loop}.
   */
  static byte[] tiffWithIfdChain(BufferedImage image, int orientation, int extra, boolean loop) {
    int w = image.getWidth();
    int h = image.getHeight();
    int entries = 10;
    int ifd0Size = 2 + entries * 12 + 4;
    int extraSize = 2 + 12 + 4;
    int dataOffset = 8 + ifd0Size;
    int chainOffset = dataOffset + w * h;
    ByteBuffer b = ByteBuffer.allocate(chainOffset + extra * extraSize).order(ByteOrder.BIG_ENDIAN);
    b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    b.putShort((short) entries);
    entry(b, 256, 3, 1, w); // ImageWidth
    entry(b, 257, 3, 1, h); // ImageLength
    entry(b, 258, 3, 1, 8); // BitsPerSample
    entry(b, 259, 3, 1, 1); // no compression
    entry(b, 262, 3, 1, 1); // BlackIsZero
    entry(b, 273, 4, 1, dataOffset); // StripOffsets
    entry(b, 274, 3, 1, orientation); // Orientation
    entry(b, 277, 3, 1, 1); // SamplesPerPixel
    entry(b, 278, 3, 1, h); // RowsPerStrip
    entry(b, 279, 4, 1, w * h); // StripByteCounts
    b.putInt(extra > 0 ? chainOffset : 0);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        b.put((byte) (((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3));
      }
    }
    for (int i = 0; i < extra; i++) {
      int offset = chainOffset + i * extraSize;
      b.putShort((short) 1);
      entry(b, 305, 2, 4, 0x61626300); // Software "abc"
      b.putInt(i < extra - 1 ? offset + extraSize : loop ? 8 : 0);
    }
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3 && count == 1) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }

  /**
   * The progressive JPEG with its smallest scan (SOS segment and entropy-coded data) repeated
   * {@code copies} more times before EOI: valid to a decoder, which redoes work per scan.
   */
  static byte[] jpegWithRepeatedScan(byte[] progressive, int copies) {
    int best = -1;
    int bestLength = Integer.MAX_VALUE;
    for (int i = 2; i + 1 < progressive.length; i++) {
      if ((progressive[i] & 0xFF) == 0xFF && (progressive[i + 1] & 0xFF) == 0xDA) {
        int end = scanEnd(progressive, i);
        if (end - i < bestLength) {
          best = i;
          bestLength = end - i;
        }
        i = end - 1;
      }
    }
    int eoi = progressive.length - 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(progressive, 0, eoi);
    for (int c = 0; c < copies; c++) {
      out.write(progressive, best, bestLength);
    }
    out.write(progressive, eoi, 2);
    return out.toByteArray();
  }

  private static int scanEnd(byte[] b, int sos) {
    int i = sos + 2 + ((b[sos + 2] & 0xFF) << 8 | (b[sos + 3] & 0xFF));
    while (i + 1 < b.length) {
      int next = b[i + 1] & 0xFF;
      if ((b[i] & 0xFF) == 0xFF && next != 0 && (next < 0xD0 || next > 0xD7)) {
        return i;
      }
      i++;
    }
    return b.length;
  }

  /** An 8-bit RGB PSD of {@code image}, image data raw or PackBits-compressed (RLE). */
  static byte[] psd(BufferedImage image, boolean rle) {
    int w = image.getWidth();
    int h = image.getHeight();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(26 + 12 + 2);
    header.put("8BPS".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1).put(new byte[6]);
    header.putShort((short) 3).putInt(h).putInt(w).putShort((short) 8).putShort((short) 3);
    header.putInt(0).putInt(0).putInt(0); // colour mode data, image resources, layers: empty
    header.putShort((short) (rle ? 1 : 0));
    out.writeBytes(header.array());
    byte[][][] rows = new byte[3][h][w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          rows[c][y][x] = (byte) (rgb >> (16 - 8 * c));
        }
      }
    }
    if (!rle) {
      for (byte[][] channel : rows) {
        for (byte[] row : channel) {
          out.writeBytes(row);
        }
      }
      return out.toByteArray();
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteBuffer counts = ByteBuffer.allocate(2 * 3 * h);
    for (byte[][] channel : rows) {
      for (byte[] row : channel) {
        int before = data.size();
        for (int x = 0; x < w; x += 128) { // literal runs of up to 128 bytes
          int n = Math.min(128, w - x);
          data.write(n - 1);
          data.write(row, x, n);
        }
        counts.putShort((short) (data.size() - before));
      }
    }
    out.writeBytes(counts.array());
    out.writeBytes(data.toByteArray());
    return out.toByteArray();
  }

  /** A Vista-style ICO holding one PNG-compressed icon. */
  static byte[] icoWithPng(byte[] png, int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(6 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
    b.put((byte) (width >= 256 ? 0 : width)).put((byte) (height >= 256 ? 0 : height));
    b.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
    b.putInt(png.length).putInt(6 + 16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(b.array());
    out.writeBytes(png);
    return out.toByteArray();
  }
}
