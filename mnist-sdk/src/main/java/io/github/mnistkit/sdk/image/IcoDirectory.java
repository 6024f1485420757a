package io.github.mnistkit.sdk.image;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises Windows ICO/CUR files by their directory (they have no signature that Commons
 * Imaging's format guess knows) and lists the size each icon declares, so that the pixel limits
 * apply before Commons Imaging's ICO parser decodes anything.
 */
final class IcoDirectory {
  /** More icons than any real icon file holds; the directory is refused beyond that. */
  static final int MAX_ICONS = 256;

  private IcoDirectory() {}

  /** The declared size of every icon, or null when the bytes do not start with an ICO directory. */
  static List<Dimension> sizes(byte[] b) {
    if (b.length < 6 || u16(b, 0) != 0 || (u16(b, 2) != 1 && u16(b, 2) != 2)) {
      return null;
    }
    int count = u16(b, 4);
    if (count < 1 || count > MAX_ICONS || b.length < 6 + 16 * count) {
      return null;
    }
    List<Dimension> sizes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int entry = 6 + 16 * i;
      int width = b[entry] == 0 ? 256 : b[entry] & 0xFF;
      int height = b[entry + 1] == 0 ? 256 : b[entry + 1] & 0xFF;
      sizes.add(embeddedSize(b, u32(b, entry + 12), new Dimension(width, height)));
    }
    return sizes;
  }

  /** The size the icon's own data declares (PNG IHDR or BMP info header), else the directory's. */
  private static Dimension embeddedSize(byte[] b, long offset, Dimension directory) {
    if (offset < 0 || offset + 24 > b.length) {
      return directory;
    }
    int at = (int) offset;
    if ((b[at] & 0xFF) == 0x89 && b[at + 1] == 'P' && b[at + 2] == 'N' && b[at + 3] == 'G') {
      return new Dimension(s32be(b, at + 16), s32be(b, at + 20));
    }
    if (u32(b, at) >= 40) { // BITMAPINFOHEADER: height counts the colour and the mask rows
      return new Dimension(s32le(b, at + 4), Math.abs(s32le(b, at + 8) / 2));
    }
    return directory;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int at) {
    return s32le(b, at) & 0xFFFFFFFFL;
  }

  private static int s32le(byte[] b, int at) {
    return u16(b, at) | u16(b, at + 2) << 16;
  }

  private static int s32be(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }
}
