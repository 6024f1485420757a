package io.github.mnistkit.sdk.data;

import io.github.mnistkit.sdk.InvalidDataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the standard IDX files of MNIST-style data sets, plain or gzipped, and validates everything
 * a malformed download can get wrong: magic numbers, dimensions, counts, label range and
 * truncation.
 */
public final class IdxReader {
  public static final int IMAGES_MAGIC = 2051;
  public static final int LABELS_MAGIC = 2049;
  private static final int MAX_IMAGES = 10_000_000;
  private static final int IMAGES_HEADER = 16;
  private static final int LABELS_HEADER = 8;
  private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;
  private static final int FIRST_CHUNK = 1 << 20;

  private IdxReader() {}

  /** Reads an images file and its labels file; the counts must agree. */
  public static IdxDataset read(Path imagesFile, Path labelsFile) {
    byte[] labels = readLabels(labelsFile);
    byte[] pixels = readImages(imagesFile);
    int images = pixels.length / IdxDataset.PIXELS;
    if (images != labels.length) {
      throw new InvalidDataException(
          imagesFile.getFileName()
              + " holds "
              + images
              + " images but "
              + labelsFile.getFileName()
              + " holds "
              + labels.length
              + " labels; the two files do not belong together."
              + " Use the images and labels file of the same split (train or t10k) from the same download.");
    }
    return new IdxDataset(pixels, labels);
  }

  static byte[] readImages(Path file) {
    try (Input input = open(file)) {
      DataInputStream in = input.data();
      int magic = in.readInt();
      checkMagic(file, magic, IMAGES_MAGIC, "images");
      int count = checkCount(file, in.readInt());
      int rows = in.readInt();
      int cols = in.readInt();
      if (rows != IdxDataset.ROWS || cols != IdxDataset.COLS) {
        throw new InvalidDataException(
            file
                + ": images are "
                + rows
                + "×"
                + cols
                + ", expected 28×28. Only MNIST-style 28×28 data"
                + " sets are supported.");
      }
      long declared = (long) count * IdxDataset.PIXELS;
      return readBody(file, input, IMAGES_HEADER, declared, count, "images");
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  static byte[] readLabels(Path file) {
    try (Input input = open(file)) {
      checkMagic(file, input.data().readInt(), LABELS_MAGIC, "labels");
      int count = checkCount(file, input.data().readInt());
      byte[] labels = readBody(file, input, LABELS_HEADER, count, count, "labels");
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] > 9) {
          throw new InvalidDataException(
              file
                  + ": label #"
                  + i
                  + " is "
                  + (labels[i] & 0xFF)
                  + ", outside 0–9. The file is"
                  + " corrupt or not a digit-label file; download it again.");
        }
      }
      return labels;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads the {@code declared} bytes after the header. Nothing of that size is allocated before the
   * data is known to exist: a plain file's size is checked first, and a gzip stream is read into
   * buffers that grow only as data actually arrives.
   */
  private static byte[] readBody(
      Path file, Input input, int header, long declared, int count, String kind)
      throws IOException {
    if (declared > MAX_BODY_BYTES) {
      throw new InvalidDataException(
          String.format(
              Locale.ROOT,
              "%s: header declares %,d %s (%,d bytes), more than one Java array can hold; the file is"
                  + " corrupt or not an MNIST-style file. Download it again.",
              file,
              count,
              kind,
              declared));
    }
    if (!input.gzip()) {
      long available = Files.size(file) - header;
      if (available < declared) {
        throw new InvalidDataException(
            String.format(
                Locale.ROOT,
                "%s: header declares %,d %s (%,d bytes) but the file holds only %,d bytes after its"
                    + " header: it is truncated or corrupt. Delete it and download it again.",
                file,
                count,
                kind,
                declared,
                Math.max(0, available)));
      }
    }
    byte[] body = new byte[(int) Math.min(declared, input.gzip() ? FIRST_CHUNK : declared)];
    int filled = 0;
    while (filled < declared) {
      if (filled == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(declared, 2L * body.length));
      }
      int n = input.data().read(body, filled, body.length - filled);
      if (n < 0) {
        throw truncated(file, kind, null);
      }
      filled += n;
    }
    return body;
  }

  private static Input open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDataException(
          file
              + " does not exist or is not a file. Point the data directory at a folder holding the"
              + " four IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],"
              + " t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]).");
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      boolean gzip = b1 == 0x1f && b2 == 0x8b;
      InputStream in =
          gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
      return new Input(new DataInputStream(in), gzip);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** An open IDX stream and whether it is gzipped (then its size is unknown until read). */
  private record Input(DataInputStream data, boolean gzip) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      data.close();
    }
  }

  private static void checkMagic(Path file, int magic, int expected, String kind) {
    if (magic != expected) {
      String hint =
          magic == (expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
              ? " It looks like the "
                  + (expected == IMAGES_MAGIC ? "labels" : "images")
                  + " file: are the"
                  + " file names swapped?"
              : " It is not an IDX " + kind + " file (or is corrupt); download it again.";
      throw new InvalidDataException(
          file
              + ": magic number "
              + magic
              + ", expected "
              + expected
              + " for IDX "
              + kind
              + "."
              + hint);
    }
  }

  private static int checkCount(Path file, int count) {
    if (count < 0 || count > MAX_IMAGES) {
      throw new InvalidDataException(
          file
              + ": header declares "
              + count
              + " items, which is not a"
              + " plausible count; the file is corrupt. Download it again.");
    }
    return count;
  }

  private static InvalidDataException truncated(Path file, String kind, Exception cause) {
    return new InvalidDataException(
        file
            + ": file is truncated (ends before all "
            + kind
            + " declared"
            + " in its header). The download was probably interrupted; delete it and download it again.",
        cause);
  }

  private static InvalidDataException unreadable(Path file, IOException e) {
    if (e instanceof EOFException) {
      return truncated(file, "items", e);
    }
    if (e instanceof ZipException) {
      return new InvalidDataException(
          file
              + ": gzip data is corrupt ("
              + e.getMessage()
              + ")."
              + " Delete the file and download it again.",
          e);
    }
    if (e instanceof NoSuchFileException) {
      return new InvalidDataException(file + " does not exist.", e);
    }
    return new InvalidDataException(file + " could not be read: " + e, e);
  }
}
