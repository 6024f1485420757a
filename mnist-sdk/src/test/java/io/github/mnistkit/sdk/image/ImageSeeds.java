package io.github.mnistkit.sdk.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.Imaging;

/**
 * The image seed corpus of the fuzz tests: small real files of every format the decoder reads, made
 * from fixture digits, and the hostile files of the regression tests.
 */
public final class ImageSeeds {
  private ImageSeeds() {}

  /** Writes seeds for single digits into {@code digits} and rows of digits into {@code rows}. */
  public static void write(Path digits, Path rows) throws IOException {
    Files.createDirectories(digits);
    Files.createDirectories(rows);
    BufferedImage page = TestImages.blackOnWhite(MnistFixture.get(0), 40, 36, 28, 6, 4);
    BufferedImage photo = TestImages.photo(MnistFixture.get(3), 48, 40, 30);
    write(digits, "digit.png", TestImages.png(page));
    write(digits, "mnist-grey.png", TestImages.png(MnistFixture.get(1).whiteOnBlack()));
    write(
        digits,
        "canvas-alpha.png",
        TestImages.png(TestImages.transparentCanvas(MnistFixture.get(2), 36, 28)));
    write(digits, "gamma.png", TestImages.withGamaChunk(TestImages.png(page), 45455));
    write(digits, "photo.jpg", TestImages.jpeg(photo, 0.8f, false));
    write(digits, "progressive.jpg", TestImages.jpeg(photo, 0.8f, true));
    write(
        digits,
        "exif-6.jpg",
        TestImages.withExifOrientation(TestImages.jpeg(page, 0.8f, false), 6));
    write(digits, "cmyk.jpg", TestImages.cmykJpeg(8, 8, cmyk(64)));
    write(digits, "digit.gif", TestImages.gif(page));
    write(digits, "digit.bmp", TestImages.bmp(page));
    write(digits, "grey-orientation-8.tif", HostileFiles.tiffWithIfdChain(page, 8, 0, false));
    write(digits, "cmyk.tif", TestImages.cmykTiff(4, 4, cmyk(16)));
    write(digits, "raw.psd", HostileFiles.psd(page, false));
    write(digits, "rle.psd", HostileFiles.psd(page, true));
    write(digits, "icon.ico", icoOf(page));
    write(digits, "png-icon.ico", HostileFiles.icoWithPng(TestImages.png(page), 40, 36));
    writeRegressionInputs(digits, page);
    BufferedImage row = row();
    write(rows, "row.png", TestImages.png(row));
    write(rows, "row.jpg", TestImages.jpeg(row, 0.8f, false));
  }

  /** The hostile files of HostileImageTest and ImageDecoderTest, kept small. */
  private static void writeRegressionInputs(Path dir, BufferedImage page) throws IOException {
    write(dir, "strip-1000000x1.png", HostileFiles.whitePng(1_000_000, 1));
    write(dir, "strip-300000x1.png", HostileFiles.whitePng(300_000, 1));
    write(dir, "bomb-60000x60000.png", TestImages.pngHeader(60000, 60000));
    byte[] portrait = TestImages.jpeg(page, 0.8f, false);
    write(
        dir, "exif-3000-chained-ifds.jpg", HostileFiles.jpegWithExifIfds(portrait, 6, 3000, false));
    write(dir, "exif-2500-nested-ifds.jpg", HostileFiles.jpegWithExifIfds(portrait, 6, 2500, true));
    write(dir, "tiff-ifd-loop.tif", HostileFiles.tiffWithIfdChain(page, 6, 50, true));
    write(
        dir,
        "jpeg-3000-scans.jpg",
        HostileFiles.jpegWithRepeatedScan(TestImages.jpeg(page, 0.8f, true), 3000));
    byte[] psd = HostileFiles.psd(page, true);
    write(dir, "truncated.psd", Arrays.copyOf(psd, psd.length / 2));
    byte[] jpeg = TestImages.jpeg(page, 0.8f, false);
    write(dir, "truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
    write(dir, "ico-bomb.ico", HostileFiles.icoWithPng(TestImages.pngHeader(60000, 60000), 0, 0));
    write(dir, "photo.webp", TestImages.webp());
  }

  private static BufferedImage row() {
    BufferedImage row = TestImages.uniform(3 * 30 + 10, 40, Color.WHITE);
    Graphics2D g = row.createGraphics();
    for (int i = 0; i < 3; i++) {
      g.drawImage(
          TestImages.blackOnWhite(MnistFixture.get(4 + i), 30, 30, 26, 2, 2), 5 + 30 * i, 5, null);
    }
    g.dispose();
    return row;
  }

  private static byte[] icoOf(BufferedImage image) throws IOException {
    return Imaging.writeImageToBytes(image, ImageFormats.ICO);
  }

  private static int[] cmyk(int pixels) {
    int[] values = new int[pixels * 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37) % 256;
    }
    return values;
  }

  private static void write(Path dir, String name, byte[] bytes) throws IOException {
    Files.write(dir.resolve(name), bytes);
  }
}
