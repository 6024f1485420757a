package io.github.mnistkit.cli.serve;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Takes the first file (or, without one, the first part) out of a {@code multipart/form-data} body,
 * as browsers and {@code curl -F image=@photo.jpg} send it. The whole body is already in memory
 * (bounded by the upload limit), so this only finds boundaries.
 */
final class Multipart {
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

  private Multipart() {}

  /** The boundary named by a {@code multipart/form-data} content type, or null for other types. */
  static String boundary(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    for (String parameter : contentType.split(";")) {
      String p = parameter.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = p.substring("boundary=".length()).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        if (!value.isEmpty()) {
          return value;
        }
      }
    }
    throw new HttpError(400, "bad_multipart", "The multipart/form-data request names no boundary.");
  }

  /** The bytes of the first part with a file name, else of the first part. */
  static byte[] firstFile(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, delimiter, 0);
    byte[] first = null;
    while (start >= 0) {
      int headersStart = start + delimiter.length;
      if (headersStart + 2 <= body.length
          && body[headersStart] == '-'
          && body[headersStart + 1] == '-') {
        break; // the closing delimiter
      }
      int headersEnd = indexOf(body, CRLF_CRLF, headersStart);
      if (headersEnd < 0) {
        break;
      }
      int contentStart = headersEnd + CRLF_CRLF.length;
      byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int contentEnd = indexOf(body, next, contentStart);
      if (contentEnd < 0) {
        break;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8)
              .toLowerCase(Locale.ROOT);
      byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
      if (headers.contains("filename=")) {
        return content;
      }
      if (first == null) {
        first = content;
      }
      start = contentEnd + 2;
    }
    if (first == null) {
      throw new HttpError(
          400,
          "bad_multipart",
          "The multipart/form-data request holds no file part. Send the"
              + " image as a file field (curl -F image=@digit.png) or as the raw request body.");
    }
    return first;
  }

  static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
