package io.github.mnistkit.sdk.image;

import io.github.mnistkit.sdk.InvalidImageException;
import io.github.mnistkit.sdk.image.ExifOrientation.Pixels;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.commons.imaging.ImageFormat;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.ico.IcoImageParser;

/**
 * Decodes image files into sRGB {@link BufferedImage}s ({@code TYPE_INT_ARGB} when the image has an
 * alpha channel, else {@code TYPE_INT_RGB}), turned upright according to the EXIF orientation.
 * Immutable and thread-safe.
 *
 * <p>Which decoder reads which format. Apache Commons Imaging 1.0.0-alpha6 is the decoder for the
 * formats the JDK lacks or reads no better (BMP, ICO, PSD, PCX, PNM, TGA, XPM, …); the JDK's
 * ImageIO reads GIF (Commons Imaging decompresses every frame even to report the size, and took
 * seconds on an 8 KB file found by fuzzing) and the three formats where alpha6 fails or is silently
 * wrong:
 *
 * <ul>
 *   <li>PNG: alpha6 applies the gAMA chunk that GIMP and ImageMagick write, darkening every pixel
 *       (200 becomes 149), and returns grey PNGs with gamma-converted raster samples. ImageIO
 *       returns the stored samples, which is what every browser shows. The plainest PNGs (8-bit
 *       grey, grey + alpha, RGB or RGBA, not interlaced, no colour or transparency chunks, up to 1
 *       MP: what digit images usually are) are decoded directly ({@code SimplePng}), with the same
 *       pixels and without ImageIO's per-call overhead; any other or damaged PNG goes to ImageIO.
 *   <li>JPEG: alpha6 throws on progressive JPEGs (what most web tools write) and decodes CMYK and
 *       YCCK JPEGs with wrong colours. ImageIO reads baseline and progressive JPEGs, and CMYK/YCCK
 *       ones into CMYK rasters, which are converted with R = (1 - C)(1 - K) etc. Arithmetic-coded,
 *       lossless and hierarchical JPEGs are read by neither and are refused by name before
 *       decoding.
 *   <li>TIFF: alpha6 decodes CMYK TIFFs with wrong colours and no error; the JDK's TIFF reader
 *       returns them as CMYK.
 * </ul>
 *
 * ICO files (which have no signature Commons Imaging's format guess knows) are recognised by their
 * header and read with Commons Imaging's ICO parser. If Commons Imaging fails on a format an
 * installed ImageIO plugin can read, the plugin is used. WebP, HEIC and AVIF are read only when an
 * ImageIO plugin for them is installed; otherwise the decoder says that the format is unsupported
 * and to convert the image.
 *
 * <p>The declared width and height are read from the header first, and images with more than {@link
 * #maxPixels()} pixels, or a long side more than {@value #MAX_ASPECT_RATIO} times the short side,
 * are refused before any pixel memory is allocated, so a small file declaring 60000×60000 or
 * 1,000,000×1 pixels (a decompression bomb) costs nothing. JPEGs with more than {@value
 * #MAX_JPEG_SCANS} scans are refused before decoding (each scan makes the decoder pass over the
 * whole image again; a normal progressive JPEG has about 10).
 *
 * <p>With {@link #withWorkingSide(int)}, large images are decoded at a reduced resolution (PNG,
 * JPEG and TIFF subsampled while decoding), so memory follows the working size rather than the
 * image's.
 *
 * <p>Truncated files are refused rather than shown with a blank or grey remainder: the JDK's
 * readers report them (JPEG: "premature end" warnings), and PSD image data is checked against the
 * size its header declares.
 *
 * <p>Every failure is an {@link InvalidImageException} whose message names the source (the file
 * path, "byte array" or "input stream"), the reason, and what to do.
 */
public final class ImageDecoder {
  /** The default limit on width × height: 50 megapixels, a full-resolution 48 or 50 MP photo. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  /** Images whose long side is more than this many times the short side are refused. */
  public static final int MAX_ASPECT_RATIO = 1000;

  /** JPEGs with more scans than this are refused before decoding. */
  public static final int MAX_JPEG_SCANS = 100;

  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
  private static final String CONVERT = "Convert it to PNG or JPEG.";

  /** The largest PNG decoded by {@link SimplePng} rather than ImageIO (1 MP, 4 MB of pixels). */
  private static final long SIMPLE_PNG_MAX_PIXELS = 1 << 20;

  private final long maxPixels;
  private final int workingSide;

  private ImageDecoder(long maxPixels, int workingSide) {
    this.maxPixels = maxPixels;
    this.workingSide = workingSide;
  }

  /** A decoder with the default pixel limit, {@value #DEFAULT_MAX_PIXELS}, at full resolution. */
  public static ImageDecoder create() {
    return new ImageDecoder(DEFAULT_MAX_PIXELS, 0);
  }

  /**
   * A decoder that refuses images with more than {@code maxPixels} pixels (width × height).
   *
   * @throws IllegalArgumentException if {@code maxPixels} is not positive
   */
  public ImageDecoder withMaxPixels(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
    }
    return new ImageDecoder(maxPixels, workingSide);
  }

  /**
   * A decoder for images that will be reduced to {@code workingSide} pixels on their long side (as
   * {@link DigitPreprocessor} does): an image whose long side is over twice that is decoded keeping
   * every n-th pixel of every n-th row, with n the largest whole factor that keeps the long side at
   * least twice {@code workingSide}. PNG, JPEG and TIFF are subsampled while decoding, so a
   * 48-megapixel photo never exists at full size in memory; other formats are subsampled right
   * after decoding. 0 decodes at full resolution (the default).
   *
   * @throws IllegalArgumentException if {@code workingSide} is negative
   */
  public ImageDecoder withWorkingSide(int workingSide) {
    if (workingSide < 0) {
      throw new IllegalArgumentException("workingSide must be 0 or positive, got " + workingSide);
    }
    return new ImageDecoder(maxPixels, workingSide);
  }

  /** The largest width × height this decoder accepts. */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Decodes an image file.
   *
   * @throws InvalidImageException if the file is missing, unreadable, empty, not an image, in an
   *     unsupported format, corrupt or truncated, or larger than {@link #maxPixels()}
   */
  public BufferedImage decode(Path file) {
    Objects.requireNonNull(file, "file");
    Source source = new Source("'" + file + "'", extensionOf(file));
    if (!Files.exists(file)) {
      throw source.problem(
          "the file does not exist",
          "Check the path; relative paths are resolved against "
              + Path.of("").toAbsolutePath()
              + ".");
    }
    if (!Files.isRegularFile(file)) {
      throw source.problem("it is not a regular file", "Pass the path of an image file.");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > maxEncodedBytes()) {
        throw tooManyBytes(source, "file");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw source.problem(
          "the file could not be read (" + describe(e) + ")",
          "Check that the file is readable by this process.",
          e);
    }
    return decode(bytes, source);
  }

  /**
   * Decodes an image held in memory.
   *
   * @throws InvalidImageException if the bytes are empty, not an image, in an unsupported format,
   *     corrupt or truncated, or larger than {@link #maxPixels()}
   */
  public BufferedImage decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, new Source("from byte array", null));
  }

  /**
   * Reads the stream to its end and decodes it. The stream is not closed.
   *
   * @throws InvalidImageException if the stream cannot be read, or as for {@link #decode(byte[])}
   */
  public BufferedImage decode(InputStream in) {
    Objects.requireNonNull(in, "in");
    Source source = new Source("from input stream", null);
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) maxEncodedBytes() + 1);
      if (bytes.length > maxEncodedBytes()) {
        throw tooManyBytes(source, "stream");
      }
    } catch (IOException e) {
      throw source.problem(
          "the stream could not be read (" + describe(e) + ")",
          "Check the stream's origin (file, network connection).",
          e);
    }
    return decode(bytes, source);
  }

  private BufferedImage decode(byte[] bytes, Source source) {
    if (bytes.length == 0) {
      throw source.problem("the data is empty (0 bytes)", "Provide a PNG or JPEG image.");
    }
    Pixels simple = decodeSimplePng(bytes, source);
    if (simple != null) {
      return toBufferedImage(simple);
    }
    ImageFormats format = sniff(bytes);
    Pixels pixels =
        switch (format) {
          case PNG -> decodeWithImageIo(bytes, format, source);
          case TIFF -> decodeTiff(bytes, source);
          case JPEG -> decodeJpeg(bytes, source);
          case WEBP -> decodeWithPlugin(bytes, "WebP", source);
          case UNKNOWN -> decodeUnknown(bytes, source);
          case PSD -> decodePsd(bytes, source);
          case GIF -> decodeGif(bytes, source);
          default -> decodeWithCommonsImaging(bytes, format, source);
        };
    if (format == ImageFormats.JPEG || format == ImageFormats.TIFF) {
      pixels = ExifOrientation.apply(pixels, ExifOrientation.read(bytes));
    }
    return toBufferedImage(pixels);
  }

  /**
   * The plainest PNGs of up to {@value #SIMPLE_PNG_MAX_PIXELS} pixels, decoded directly with the
   * same result as ImageIO's (see {@link SimplePng}); null for every other file, which is then
   * decoded the general way.
   */
  private Pixels decodeSimplePng(byte[] bytes, Source source) {
    SimplePng png = SimplePng.header(bytes);
    if (png == null) {
      return null;
    }
    checkSize(png.width(), png.height(), source);
    if ((long) png.width() * png.height() > SIMPLE_PNG_MAX_PIXELS
        || subsampling(png.width(), png.height()) > 1) {
      return null;
    }
    int[] argb = png.pixels();
    return argb == null ? null : new Pixels(argb, png.width(), png.height(), png.hasAlpha());
  }

  private Pixels decodeJpeg(byte[] bytes, Source source) {
    int frame = JpegFrame.marker(bytes);
    String unsupported = JpegFrame.unsupportedProcess(frame);
    if (unsupported != null) {
      throw source.problem(
          "it is "
              + unsupported
              + " JPEG (frame marker 0x"
              + Integer.toHexString(frame)
              + "), which neither the JDK nor Apache Commons Imaging can decode",
          "Re-save it as a standard (baseline or progressive) JPEG, or as PNG.");
    }
    int scans = JpegFrame.scanCount(bytes, MAX_JPEG_SCANS);
    if (scans > MAX_JPEG_SCANS) {
      throw source.problem(
          "it is a JPEG with more than "
              + MAX_JPEG_SCANS
              + " scans (a normal progressive JPEG has"
              + " about 10), which would take minutes to decode",
          "Re-save it as a baseline JPEG, or as PNG.");
    }
    return decodeWithImageIo(bytes, ImageFormats.JPEG, source);
  }

  private Pixels decodeTiff(byte[] bytes, Source source) {
    String problem = TiffGeometry.problem(bytes);
    if (problem != null) {
      throw source.problem(problem, "The file is damaged or an unusual TIFF: convert it to PNG.");
    }
    return decodeWithImageIo(bytes, ImageFormats.TIFF, source);
  }

  private Pixels decodeGif(byte[] bytes, Source source) {
    long[] frames = GifFrames.declared(bytes);
    if (frames != null && frames[2] > 0) {
      checkSize((int) frames[0], (int) frames[1], source);
      if (frames[2] > maxPixels) {
        throw source.problem(
            String.format(
                Locale.ROOT,
                "its frames declare %,d pixels in all, more than the limit" + " of %,d pixels",
                frames[2],
                maxPixels),
            "Export the frame you need as PNG.");
      }
    }
    return decodeWithImageIo(bytes, ImageFormats.GIF, source);
  }

  private Pixels decodePsd(byte[] bytes, Source source) {
    String problem = PsdImageData.problem(bytes);
    if (problem != null) {
      throw source.problem(
          problem,
          "The file is truncated or damaged: export or download it again, or convert it"
              + " to PNG.");
    }
    return decodeWithCommonsImaging(bytes, ImageFormats.PSD, source);
  }

  private Pixels decodeIco(byte[] bytes, List<Dimension> sizes, Source source) {
    for (Dimension size : sizes) {
      checkSize(size.width, size.height, source);
    }
    try {
      BufferedImage image = new IcoImageParser().getBufferedImage(ByteSource.array(bytes), null);
      return pixelsOf(image);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidImageException invalid) {
        throw invalid;
      }
      throw source.problem(
          "the ICO data is corrupt, truncated or uses an unsupported variant (" + describe(e) + ")",
          "Export or download the image again, or " + CONVERT.toLowerCase(Locale.ROOT),
          e);
    }
  }

  private Pixels decodeWithImageIo(byte[] bytes, ImageFormats format, Source source) {
    Pixels pixels = readWithImageIo(bytes, format.getName(), source);
    if (pixels == null) {
      throw source.problem(
          "no ImageIO reader for " + format.getName() + " is available in this JVM",
          "Run on a standard JDK 17 or later.");
    }
    return pixels;
  }

  private Pixels decodeWithPlugin(byte[] bytes, String formatName, Source source) {
    Pixels pixels = readWithImageIo(bytes, formatName, source);
    if (pixels == null) {
      throw source.problem(
          "it is a "
              + formatName
              + " image, which is not supported (neither the JDK nor Apache"
              + " Commons Imaging 1.0.0-alpha6 can decode "
              + formatName
              + ")",
          CONVERT);
    }
    return pixels;
  }

  private Pixels decodeUnknown(byte[] bytes, Source source) {
    String isoFormat = IsoMediaBrand.formatName(bytes);
    if (isoFormat != null) {
      return decodeWithPlugin(bytes, isoFormat, source);
    }
    List<Dimension> icons = IcoDirectory.sizes(bytes);
    if (icons != null) {
      return decodeIco(bytes, icons, source);
    }
    Pixels pixels = readWithImageIo(bytes, "image", source);
    if (pixels != null) {
      return pixels;
    }
    String nameHint =
        source.extension() != null && Imaging.hasImageFileExtension("x." + source.extension())
            ? "; the name ends in ." + source.extension() + " but the content is not that format"
            : "";
    throw source.problem(
        "the data is not in a recognised image format (" + preview(bytes) + ")" + nameHint,
        "Provide a PNG, JPEG, GIF, BMP or TIFF image.");
  }

  private Pixels decodeWithCommonsImaging(byte[] bytes, ImageFormats format, Source source) {
    BufferedImage image;
    try {
      Dimension size = Imaging.getImageSize(bytes);
      checkSize(size.width, size.height, source);
      image = Imaging.getBufferedImage(bytes);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidImageException invalid) {
        throw invalid;
      }
      Pixels viaPlugin = readWithImageIo(bytes, format.getName(), source);
      if (viaPlugin != null) {
        return viaPlugin;
      }
      throw source.problem(
          "the "
              + format.getName()
              + " data is corrupt, truncated or uses an unsupported variant ("
              + describe(e)
              + ")",
          "Export or download the image again, or " + CONVERT.toLowerCase(Locale.ROOT),
          e);
    }
    return pixelsOf(image);
  }

  /**
   * Pixels of an image decoded by Commons Imaging, subsampled for the working side. Its getRGB is
   * right even where its rasters are not (grey images hold linearised samples), so it is read
   * through getRGB, row by row, rather than ArgbPixels.
   */
  private Pixels pixelsOf(BufferedImage image) {
    int n = subsampling(image.getWidth(), image.getHeight());
    int w = ceilDiv(image.getWidth(), n);
    int h = ceilDiv(image.getHeight(), n);
    int[] argb = new int[Math.multiplyExact(w, h)];
    int[] row = new int[image.getWidth()];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y * n, image.getWidth(), 1, row, 0, image.getWidth());
      for (int x = 0; x < w; x++) {
        argb[y * w + x] = row[x * n];
      }
    }
    return new Pixels(argb, w, h, image.getColorModel().hasAlpha());
  }

  /** The whole subsampling factor for {@link #withWorkingSide}: 1 when it is off or not needed. */
  private int subsampling(int width, int height) {
    if (workingSide == 0) {
      return 1;
    }
    int boxFactor = ceilDiv(Math.max(width, height), workingSide);
    return Math.max(1, boxFactor / 2);
  }

  private static int ceilDiv(int a, int b) {
    return (int) ((a + (long) b - 1) / b);
  }

  /** Reads with the first ImageIO reader that accepts the data, or returns null if none does. */
  private Pixels readWithImageIo(byte[] bytes, String formatName, Source source) {
    ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    Iterator<ImageReader> readers;
    try {
      readers = ImageIO.getImageReaders(in);
    } catch (RuntimeException e) {
      return null;
    }
    if (!readers.hasNext()) {
      return null;
    }
    ImageReader reader = readers.next();
    TruncationWarnings warnings = new TruncationWarnings();
    try {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      checkSize(width, height, source);
      reader.addIIOReadWarningListener(warnings);
      ImageReadParam param = reader.getDefaultReadParam();
      int n = subsampling(width, height);
      if (n > 1) {
        param.setSourceSubsampling(n, n, 0, 0);
      }
      BufferedImage image = reader.read(0, param);
      if (!warnings.seen.isEmpty()) {
        throw source.problem(
            "the " + formatName + " data ends early (" + String.join("; ", warnings.seen) + ")",
            "The file is truncated: export or download it again.");
      }
      return new Pixels(
          ArgbPixels.read(image), image.getWidth(), image.getHeight(), ArgbPixels.hasAlpha(image));
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidImageException invalid) {
        throw invalid;
      }
      throw source.problem(
          "the " + formatName + " data is corrupt or truncated (" + describe(e) + ")",
          "Export or download the image again.",
          e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * The most encoded bytes read for one image: 8 bytes per allowed pixel (16-bit RGBA stored
   * uncompressed) plus 16 MB of metadata, at most 2 GB. Anything longer cannot be a valid image
   * within the pixel limit, so a stream is never read to an unbounded end.
   */
  private long maxEncodedBytes() {
    return maxPixels > MAX_FILE_BYTES / 8
        ? MAX_FILE_BYTES
        : Math.min(MAX_FILE_BYTES, maxPixels * 8 + (16 << 20));
  }

  private InvalidImageException tooManyBytes(Source source, String what) {
    return source.problem(
        String.format(
            Locale.ROOT,
            "the %s holds more than %,d bytes, more than any image within"
                + " the limit of %,d pixels needs",
            what,
            maxEncodedBytes(),
            maxPixels),
        "Downscale or re-compress the image first.");
  }

  private void checkSize(int width, int height, Source source) {
    if (width <= 0 || height <= 0) {
      throw source.problem(
          "its header declares an empty size " + width + "x" + height,
          "The file is damaged: export or download it again.");
    }
    long pixels = (long) width * height;
    if (Math.max(width, height) / Math.min(width, height) > MAX_ASPECT_RATIO) {
      throw source.problem(
          String.format(
              Locale.ROOT,
              "its header declares %dx%d pixels, a long side more than %d times the short side",
              width,
              height,
              MAX_ASPECT_RATIO),
          "No digit or row of digits has that shape: crop the image to the digits, or check that"
              + " the file is not damaged.");
    }
    if (pixels > maxPixels) {
      throw source.problem(
          String.format(
              Locale.ROOT,
              "its header declares %dx%d = %,d pixels, more than the limit of %,d pixels",
              width,
              height,
              pixels,
              maxPixels),
          "Downscale the image, or raise the limit with ImageDecoder.withMaxPixels(long) if"
              + " the source is trusted.");
    }
  }

  private static BufferedImage toBufferedImage(Pixels pixels) {
    int w = pixels.width();
    int h = pixels.height();
    ColorModel model =
        pixels.hasAlpha()
            ? ColorModel.getRGBdefault()
            : new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
    int[] masks =
        pixels.hasAlpha()
            ? new int[] {0xFF0000, 0xFF00, 0xFF, 0xFF000000}
            : new int[] {0xFF0000, 0xFF00, 0xFF};
    WritableRaster raster =
        Raster.createPackedRaster(new DataBufferInt(pixels.argb(), w * h), w, h, w, masks, null);
    return new BufferedImage(model, raster, false, null);
  }

  private static ImageFormats sniff(byte[] bytes) {
    try {
      ImageFormat format = Imaging.guessFormat(bytes);
      return format instanceof ImageFormats known ? known : ImageFormats.UNKNOWN;
    } catch (IOException | RuntimeException e) {
      return ImageFormats.UNKNOWN; // too short to hold a signature
    }
  }

  private static String preview(byte[] bytes) {
    int n = Math.min(bytes.length, 24);
    int printable = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t') {
        printable++;
      }
    }
    if (printable == n) {
      String text = new String(bytes, 0, n, StandardCharsets.US_ASCII).replaceAll("\\s+", " ");
      return "it is " + bytes.length + " bytes starting with the text \"" + text + "\"";
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(n, 8); i++) {
      hex.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
    }
    return "it is " + bytes.length + " bytes starting with " + hex;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
      String part = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (text.indexOf(part) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(part);
      }
    }
    return text.toString();
  }

  private static String extensionOf(Path file) {
    Path name = file.getFileName();
    String s = name == null ? "" : name.toString();
    int dot = s.lastIndexOf('.');
    return dot < 0 || dot == s.length() - 1 ? null : s.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** Names the input in messages; {@code extension} is the file name's, or null. */
  private record Source(String name, String extension) {
    InvalidImageException problem(String reason, String advice) {
      return new InvalidImageException(message(reason, advice));
    }

    InvalidImageException problem(String reason, String advice, Throwable cause) {
      return new InvalidImageException(message(reason, advice), cause);
    }

    private String message(String reason, String advice) {
      return "Cannot decode image " + name + ": " + reason + ". " + advice;
    }
  }

  /** libjpeg reports a truncated file as a warning and fills the rest with grey; we refuse it. */
  private static final class TruncationWarnings implements IIOReadWarningListener {
    final List<String> seen = new ArrayList<>();

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
        seen.add(warning);
      }
    }
  }
}
