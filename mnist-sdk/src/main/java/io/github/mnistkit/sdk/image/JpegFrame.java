package io.github.mnistkit.sdk.image;

/**
 * The coding process of a JPEG, from its start-of-frame (SOF) marker. Read from the segment headers
 * only, so that JPEGs no decoder here can read are refused by name.
 */
final class JpegFrame {
  private JpegFrame() {}

  /** The SOF marker (0xC0–0xCF except DHT, JPG and DAC), or -1 if none precedes the scan data. */
  static int marker(byte[] b) {
    int i = 2; // after SOI
    while (i + 4 <= b.length) {
      if ((b[i] & 0xFF) != 0xFF) {
        return -1;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        i++;
        continue;
      }
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        return marker;
      }
      if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image
        return -1;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length field
        i += 2;
        continue;
      }
      i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
    }
    return -1;
  }

  /**
   * The number of scans (SOS segments), counting at most to {@code limit + 1}: the segments are
   * walked and each scan's entropy-coded data is skipped to the next marker, in one linear pass. A
   * normal progressive JPEG has about 10 scans; a file repeating one scan thousands of times would
   * make the decoder redo its work per scan.
   */
  static int scanCount(byte[] b, int limit) {
    int scans = 0;
    int i = 2; // after SOI
    while (i + 4 <= b.length && scans <= limit) {
      if ((b[i] & 0xFF) != 0xFF) {
        return scans;
      }
      int marker = b[i + 1] & 0xFF;
      if (marker == 0xFF) {
        i++;
        continue;
      }
      if (marker == 0xD9) { // end of image
        return scans;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        i += 2;
        continue;
      }
      i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
      if (marker == 0xDA) {
        scans++;
        i = nextMarker(b, i);
      }
    }
    return scans;
  }

  /** The position of the next marker after entropy-coded data (stuffed 0xFF00 and RSTn skipped). */
  private static int nextMarker(byte[] b, int i) {
    while (i + 1 < b.length) {
      if ((b[i] & 0xFF) == 0xFF) {
        int next = b[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
        i += next == 0xFF ? 1 : 2;
      } else {
        i++;
      }
    }
    return b.length;
  }

  /**
   * "an arithmetic-coded", "a lossless" or "a hierarchical" for processes that neither the JDK nor
   * Commons Imaging decodes; null for baseline, extended and progressive Huffman JPEGs.
   */
  static String unsupportedProcess(int marker) {
    return switch (marker) {
      case 0xC9, 0xCA, 0xCB -> "an arithmetic-coded";
      case 0xC3 -> "a lossless";
      case 0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF -> "a hierarchical";
      default -> null;
    };
  }
}
