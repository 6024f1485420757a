package io.github.mnistkit.sdk.image;

import static io.github.mnistkit.sdk.image.DigitAssertions.assertCentred;
import static io.github.mnistkit.sdk.image.DigitAssertions.assertLooksLike;
import static io.github.mnistkit.sdk.image.DigitAssertions.cosine;
import static io.github.mnistkit.sdk.image.DigitAssertions.similarity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The preprocessing checked against the MNIST digits the images were made from. Thresholds: the
 * best-shift cosine (see {@link DigitAssertions}) between fixture digits of different classes is at
 * most 0.67 on the sample used here, while every rendering below measured at least 0.91; 0.85
 * separates the two with margin on both sides. Each output must also be more similar to its own
 * source than to any sample digit of another class.
 */
class DigitPreprocessorTest {
  private static final double SIMILAR = 0.85;

  private final DigitPreprocessor preprocessor = DigitPreprocessor.create();
  private final ImageDecoder decoder = ImageDecoder.create();

  /** The first fixture digit of each class, 0–9. */
  private static List<MnistFixture.Digit> oneOfEachClass() {
    return IntStream.range(0, 10).mapToObj(label -> MnistFixture.firstWithLabel(label, 0)).toList();
  }

  @Test
  void mnistDigitsComeThroughNearlyUnchanged() {
    double plainSum = 0;
    for (MnistFixture.Digit d : MnistFixture.all()) {
      DigitImage out = preprocessor.toDigit(d.whiteOnBlack());
      assertLooksLike(out, d, 0.9, "MNIST #" + d.index());
      assertTrue(new Box(0, 0, 28, 28).contains(out.sourceBox()), "box " + out.sourceBox());
      plainSum += cosine(out.pixels(), d.pixels());
    }
    double plainMean = plainSum / MnistFixture.all().size();
    assertTrue(plainMean > 0.98, "mean unshifted cosine " + plainMean + ": a systematic shift?");
  }

  @ParameterizedTest
  @EnumSource(Rendering.class)
  void renderedDigitsNormaliseBackToTheirMnistSource(Rendering rendering) {
    List<MnistFixture.Digit> sample = oneOfEachClass();
    for (MnistFixture.Digit d : sample) {
      DigitImage out = preprocessor.toDigit(decoder.decode(rendering.bytes(d)));
      String what = rendering + " of MNIST #" + d.index() + " (" + d.label() + ")";
      assertLooksLike(out, d, SIMILAR, what);
      double own = similarity(out, d);
      for (MnistFixture.Digit other : sample) {
        if (other.label() != d.label()) {
          assertTrue(similarity(out, other) < own, what + " looks more like a " + other.label());
        }
      }
    }
  }

  /** Without the EXIF tag the sideways photo gives a sideways digit: the tag is what fixes it. */
  @Test
  void exifOrientationIsWhatMakesTheSidewaysPhotoMatch() {
    MnistFixture.Digit seven = MnistFixture.get(0);
    BufferedImage sideways =
        Rendering.rotateCounterClockwise(TestImages.blackOnWhite(seven, 300, 240, 200, 60, 20));
    DigitImage withoutTag =
        preprocessor.toDigit(decoder.decode(TestImages.jpeg(sideways, 0.85f, false)));
    assertTrue(similarity(withoutTag, seven) < 0.7, "sideways " + similarity(withoutTag, seven));
    DigitImage withTag =
        preprocessor.toDigit(decoder.decode(Rendering.JPEG_EXIF_ROTATED_6.bytes(seven)));
    assertLooksLike(withTag, seven, SIMILAR, "EXIF 6");
  }

  @Test
  void sourceBoxLocatesTheInkInSourcePixels() {
    MnistFixture.Digit d = MnistFixture.get(4);
    // digit square at (150, 40), 200 px: MNIST's 20-px box inside its 28-px field maps to ~143 px
    DigitImage out = preprocessor.toDigit(TestImages.blackOnWhite(d, 400, 300, 200, 150, 40));
    Box box = out.sourceBox();
    assertTrue(new Box(150, 40, 200, 200).contains(box), "inside the drawn square: " + box);
    assertTrue(box.height() > 120, "covers the digit: " + box);

    // after downsampling a 4000 × 3000 photo the box is still in source pixels
    BufferedImage photo =
        TestImages.onPaper(
            d, 4000, 3000, 1500, 1250, 750, new Color(220, 215, 200), new Color(20, 30, 90));
    DigitImage big = preprocessor.toDigit(photo);
    assertLooksLike(big, d, SIMILAR, "4000x3000 photo");
    Box bigBox = big.sourceBox();
    assertTrue(new Box(1250 - 8, 750 - 8, 1516, 1516).contains(bigBox), "inside: " + bigBox);
    assertTrue(bigBox.height() > 900, "covers the digit: " + bigBox);
  }

  /**
   * A marker-bold digit cropped so tightly that its strokes fill whole cells of the background grid
   * must come out as it does with a wide margin, where no cell is all ink.
   */
  @Test
  void boldTightlyCroppedDigitMatchesTheSameDigitWithAMargin() {
    for (int i = 0; i < 12; i++) {
      BufferedImage tight = TestImages.uniform(300, 300, Color.WHITE);
      Graphics2D g = tight.createGraphics();
      for (int dx = -16; dx <= 16; dx += 8) {
        for (int dy = -16; dy <= 16; dy += 8) {
          TestImages.drawInk(g, MnistFixture.get(i), dx - 20, dy - 20, 340, Color.BLACK);
        }
      }
      g.dispose();
      BufferedImage margin = TestImages.uniform(1000, 1000, Color.WHITE);
      Graphics2D m = margin.createGraphics();
      m.drawImage(tight, 350, 350, null);
      m.dispose();
      double s =
          similarity(preprocessor.toDigit(tight).pixels(), preprocessor.toDigit(margin).pixels());
      assertTrue(s > 0.9, "bold MNIST #" + i + ": tight vs margin " + s);
    }
  }

  static Stream<Arguments> blankPages() {
    BufferedImage specks = TestImages.uniform(300, 300, Color.WHITE);
    Random random = new Random(3);
    Graphics2D g = specks.createGraphics();
    g.setColor(Color.BLACK);
    for (int i = 0; i < 12; i++) {
      int size = 2 + random.nextInt(3);
      g.fillRect(random.nextInt(290), random.nextInt(290), size, size);
    }
    g.dispose();
    BufferedImage noisyGradient = TestImages.photo(blankDigit(), 640, 480, 300);
    // a wide photo darker towards the bottom: once taken for a band of ink (one row of cells)
    BufferedImage wideFallOff = new BufferedImage(500, 140, BufferedImage.TYPE_INT_RGB);
    Random grain = new Random(5);
    for (int y = 0; y < 140; y++) {
      for (int x = 0; x < 500; x++) {
        int v = (int) Math.round(240 - 100.0 * y / 140 + grain.nextGaussian() * 3);
        wideFallOff.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    return Stream.of(
        Arguments.of("white page", TestImages.uniform(300, 200, Color.WHITE)),
        Arguments.of("black page", TestImages.uniform(300, 200, Color.BLACK)),
        Arguments.of("uniform grey", TestImages.uniform(64, 64, new Color(128, 128, 128))),
        Arguments.of("uniform blue", TestImages.uniform(64, 64, new Color(40, 60, 200))),
        Arguments.of(
            "empty transparent canvas", new BufferedImage(280, 280, BufferedImage.TYPE_INT_ARGB)),
        Arguments.of("white page with a few specks", specks),
        Arguments.of("lighting gradient with sensor noise", noisyGradient),
        Arguments.of("wide page, light falling off downwards", wideFallOff),
        Arguments.of("1x1 pixel", TestImages.uniform(1, 1, Color.BLACK)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blankPages")
  void pagesWithoutInkAreBlank(String name, BufferedImage page) {
    DigitImage out = preprocessor.toDigit(page);
    assertTrue(out.isBlank(), name + " gave " + out);
    assertEquals(new Box(0, 0, page.getWidth(), page.getHeight()), out.sourceBox());
    assertTrue(preprocessor.toDigitRow(page).isEmpty(), name);
  }

  /** Blank detection must not swallow a faint pencil digit (contrast 55 of 255). */
  @Test
  void faintPencilIsStillInk() {
    MnistFixture.Digit d = MnistFixture.get(11);
    BufferedImage pencil =
        TestImages.onPaper(
            d, 300, 300, 260, 20, 20, new Color(245, 245, 240), new Color(190, 190, 190));
    assertLooksLike(preprocessor.toDigit(pencil), d, SIMILAR, "pencil");
  }

  @Test
  void anyImageTypeGivesTheSameResult() {
    MnistFixture.Digit d = MnistFixture.get(21);
    BufferedImage grey = d.whiteOnBlack();
    DigitImage expected = preprocessor.toDigit(grey);
    for (int type :
        new int[] {
          BufferedImage.TYPE_INT_RGB,
          BufferedImage.TYPE_INT_ARGB,
          BufferedImage.TYPE_3BYTE_BGR,
          BufferedImage.TYPE_USHORT_GRAY,
          BufferedImage.TYPE_INT_BGR
        }) {
      BufferedImage copy = new BufferedImage(28, 28, type);
      for (int i = 0; i < 784; i++) {
        int v = d.bytes()[i] & 0xFF;
        if (type == BufferedImage.TYPE_USHORT_GRAY) {
          copy.getRaster().setSample(i % 28, i / 28, 0, v * 257);
        } else {
          copy.setRGB(i % 28, i / 28, 0xFF000000 | v << 16 | v << 8 | v);
        }
      }
      assertEquals(expected, preprocessor.toDigit(copy), "type " + type);
    }
  }

  @Test
  void rowOfFiveDigitsWithABrokenOneComesBackInOrder() {
    int[] indices = {1, 3, 0, 8, 4}; // labels 2, 0, 7, 5, 4 (the 7 gets broken)
    int[] xs = {10, 130, 200, 340, 430}; // gaps between 100-px squares: 20, -30, 40, -10
    BufferedImage brokenSeven = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D s = brokenSeven.createGraphics();
    TestImages.drawInk(s, MnistFixture.get(indices[2]), 0, 0, 100, Color.BLACK);
    s.setComposite(AlphaComposite.Clear);
    s.fillRect(0, 55, 100, 4); // erase a line across the stem
    s.dispose();
    assertEquals(2, pieces(brokenSeven), "the 7 really is in two pieces");

    BufferedImage row = TestImages.uniform(560, 140, Color.WHITE);
    Graphics2D g = row.createGraphics();
    for (int i = 0; i < 5; i++) {
      if (i == 2) {
        g.drawImage(brokenSeven, xs[i], 20, null);
      } else {
        TestImages.drawInk(g, MnistFixture.get(indices[i]), xs[i], 20, 100, Color.BLACK);
      }
    }
    g.setColor(Color.BLACK);
    g.fillRect(xs[0] + 106, 70, 3, 3); // a speck between the first two
    g.dispose();

    List<DigitImage> digits = preprocessor.toDigitRow(row);
    assertEquals(5, digits.size(), digits.toString());
    for (int i = 0; i < 5; i++) {
      MnistFixture.Digit source = MnistFixture.get(indices[i]);
      DigitImage out = digits.get(i);
      assertLooksLike(out, source, i == 2 ? 0.75 : SIMILAR, "row digit " + i);
      for (int j = 0; j < 5; j++) {
        if (j != i) {
          assertTrue(
              similarity(out, MnistFixture.get(indices[j])) < similarity(out, source),
              "row digit " + i + " looks more like digit " + j);
        }
      }
      Box box = out.sourceBox();
      assertTrue(box.x() >= xs[i] && box.right() <= xs[i] + 100, "digit " + i + " at " + box);
    }
  }

  @Test
  void rowOfOneDigitIsThatDigit() {
    MnistFixture.Digit d = MnistFixture.get(6);
    List<DigitImage> digits = preprocessor.toDigitRow(d.whiteOnBlack());
    assertEquals(1, digits.size());
    assertEquals(preprocessor.toDigit(d.whiteOnBlack()), digits.get(0));
    assertLooksLike(digits.get(0), d, 0.9, "single");
  }

  /**
   * A fine pen in a large image (3-px strokes on a 600-px page) would shrink to a 0.1-px hairline
   * at MNIST scale; it is thickened to MNIST's stroke width. The same shape drawn with a thick
   * marker is the reference. (A drawn polyline: MNIST holds no thin-pen images.)
   */
  @Test
  void thinPenStrokesAreThickenedToMnistWidth() {
    DigitImage marker = preprocessor.toDigit(polylineFour(40f));
    DigitImage pen = preprocessor.toDigit(polylineFour(3f));
    DigitImage unthickened =
        DigitPreprocessor.builder().thickenThinStrokes(false).build().toDigit(polylineFour(3f));
    assertCentred(pen, "pen");
    double inkMarker = ink(marker);
    assertTrue(
        ink(pen) > 0.6 * inkMarker && ink(pen) < 1.6 * inkMarker,
        "pen ink " + ink(pen) + " vs marker " + inkMarker);
    assertTrue(ink(unthickened) < 0.4 * inkMarker, "hairline ink " + ink(unthickened));
    double thickened = similarity(pen.pixels(), marker.pixels());
    assertTrue(thickened > SIMILAR, "thickened pen vs marker " + thickened);
    assertTrue(similarity(unthickened.pixels(), marker.pixels()) < thickened);
  }

  @Test
  void sharedInstanceIsDeterministicAcrossThreads() throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      MnistFixture.Digit d = MnistFixture.get(100 + i);
      images.add(
          i % 2 == 0 ? d.whiteOnBlack() : TestImages.blackOnWhite(d, 150, 120, 100, 20 + i, 10));
    }
    List<DigitImage> sequential = images.stream().map(preprocessor::toDigit).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<DigitImage>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> images.stream().map(preprocessor::toDigit).toList()));
      }
      for (Future<List<DigitImage>> run : runs) {
        assertEquals(sequential, run.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(sequential, images.stream().map(DigitPreprocessor.create()::toDigit).toList());
  }

  @Test
  void builderRejectsNonsense() {
    assertThrows(
        IllegalArgumentException.class, () -> DigitPreprocessor.builder().maxWorkingSide(8));
    assertThrows(IllegalArgumentException.class, () -> DigitPreprocessor.builder().minContrast(0f));
    assertThrows(IllegalArgumentException.class, () -> DigitPreprocessor.builder().minContrast(1f));
    assertThrows(NullPointerException.class, () -> preprocessor.toDigit(null));
  }

  /** A higher contrast floor makes the faint pencil digit blank: the knob is honoured. */
  @Test
  void minContrastIsHonoured() {
    BufferedImage pencil =
        TestImages.onPaper(
            MnistFixture.get(11),
            200,
            200,
            180,
            10,
            10,
            new Color(245, 245, 240),
            new Color(190, 190, 190));
    assertFalse(preprocessor.toDigit(pencil).isBlank());
    assertTrue(DigitPreprocessor.builder().minContrast(0.3f).build().toDigit(pencil).isBlank());
  }

  // ------------------------------------------------------------------ helpers

  private static MnistFixture.Digit blankDigit() {
    return new MnistFixture.Digit(-1, -1, new byte[784]);
  }

  private static double ink(DigitImage image) {
    double sum = 0;
    for (float v : image.pixels()) {
      sum += v;
    }
    return sum;
  }

  /** A "4" as three pen strokes on a 600×600 page. */
  private static BufferedImage polylineFour(float strokeWidth) {
    BufferedImage page = TestImages.uniform(600, 600, Color.WHITE);
    Graphics2D g = page.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.drawPolyline(new int[] {260, 150, 400}, new int[] {100, 350, 350}, 3);
    g.drawLine(340, 200, 330, 500);
    g.dispose();
    return page;
  }

  /** Number of 8-connected regions of ink (alpha above one half) larger than 20 pixels. */
  private static int pieces(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    boolean[] mask = new boolean[w * h];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = image.getRGB(i % w, i / w) >>> 24 > 128;
    }
    List<Blob> blobs = Components.label(mask, w, h, new int[w * h]);
    return (int) blobs.stream().filter(b -> b.area() > 20).count();
  }
}
