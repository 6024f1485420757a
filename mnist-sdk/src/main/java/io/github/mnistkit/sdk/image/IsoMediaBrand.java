package io.github.mnistkit.sdk.image;

import java.nio.charset.StandardCharsets;

/** Recognises HEIC and AVIF files (ISO base media files with an image brand) by their ftyp box. */
final class IsoMediaBrand {
  private IsoMediaBrand() {}

  /** "HEIC", "AVIF" or "HEIF" for such files; null otherwise. */
  static String formatName(byte[] b) {
    if (b.length < 12 || !"ftyp".equals(new String(b, 4, 4, StandardCharsets.US_ASCII))) {
      return null;
    }
    return switch (new String(b, 8, 4, StandardCharsets.US_ASCII)) {
      case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs" -> "HEIC";
      case "avif", "avis" -> "AVIF";
      case "mif1", "msf1" -> "HEIF";
      default -> null;
    };
  }
}
