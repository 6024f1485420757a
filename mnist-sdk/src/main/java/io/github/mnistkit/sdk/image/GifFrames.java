package io.github.mnistkit.sdk.image;

/**
 * Walks a GIF's blocks to sum the pixels its frames declare. Commons Imaging decompresses every
 * frame, even to report the size, and sizes its buffers from each frame's own descriptor (up to
 * 65535×65535, whatever the logical screen says), so the frames are checked first. One linear pass.
 */
final class GifFrames {
  private GifFrames() {}

  /**
   * The largest frame as {width, height} and the total pixels of all frames; null if unreadable.
   */
  static long[] declared(byte[] b) {
    if (b.length < 13) {
      return null;
    }
    long maxWidth = 0;
    long maxHeight = 0;
    long total = 0;
    int i = 13 + colourTable(b[10]);
    while (i < b.length) {
      int block = b[i] & 0xFF;
      if (block == 0x21) { // extension: label, then data sub-blocks
        i = skipSubBlocks(b, i + 2);
      } else if (block == 0x2C) { // image descriptor
        if (i + 10 > b.length) {
          break;
        }
        long width = u16(b, i + 5);
        long height = u16(b, i + 7);
        if (width * height > maxWidth * maxHeight) {
          maxWidth = width;
          maxHeight = height;
        }
        total += width * height;
        i = skipSubBlocks(b, i + 10 + colourTable(b[i + 9]) + 1); // + LZW minimum code size
      } else {
        break; // trailer, or data the decoder will report
      }
    }
    return new long[] {maxWidth, maxHeight, total};
  }

  private static int colourTable(byte flags) {
    return (flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0;
  }

  private static int skipSubBlocks(byte[] b, int i) {
    while (i < b.length && b[i] != 0) {
      i += (b[i] & 0xFF) + 1;
    }
    return i + 1;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}
