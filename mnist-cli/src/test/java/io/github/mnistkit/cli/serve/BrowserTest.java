package io.github.mnistkit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mnistkit.cli.Digits;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.testing.RefusingModels;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in headless Chromium: real MNIST test digits are drawn on the canvas as pen strokes
 * (one stroke along each row of ink, through the W3C Actions API, with a mouse and with a finger),
 * and the page must show the right answer. Skipped when Chromium or its driver is not installed.
 */
class BrowserTest {
  static final String INSTALL =
      "Chromium and chromedriver are needed for this test. Install them with"
          + " 'apt-get install -y chromium chromium-driver' (Debian; .ci/run does this), or put chromedriver"
          + " and chromium on the PATH.";

  /** Canvas pixels per MNIST pixel when one digit is drawn. */
  static final int SCALE = 9;

  static final Path SCREENSHOT = Path.of("target/serve-page.png");

  static DigitRecognizer recognizer;
  static DemoServer server;
  static ChromeDriver browser;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    Optional<Path> driver = executable("chromedriver");
    Optional<Path> chromium =
        executable("chromium")
            .or(() -> executable("chromium-browser"))
            .or(() -> executable("google-chrome"));
    Assumptions.assumeTrue(driver.isPresent() && chromium.isPresent(), INSTALL);
    // "not sure" below 0.9 whatever the bundled model's own calibrated threshold is
    recognizer = DigitRecognizer.builder().confidenceThreshold(0.9).build();
    server =
        DemoServer.start(recognizer, ServeConfig.builder().port(0).build(), System.err::println);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,860",
        "--force-device-scale-factor=1",
        "--disable-extensions");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.get().toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.get(server.uri().toString());
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(b -> b.findElement(By.id("model")).getText().startsWith("Model: "));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
      recognizer.close();
    }
  }

  @BeforeEach
  void clear() {
    browser.findElement(By.id("clear")).click();
  }

  @Test
  void readsTenTestDigitsDrawnWithTheMouse() {
    for (int index = 0; index < 10; index++) {
      int strokes = draw(PointerInput.Kind.MOUSE, index, SCALE, 0);
      Map<String, String> answer = answer(strokes);
      assertEquals(
          Integer.toString(Digits.label(index)),
          answer.get("text"),
          "test digit " + index + ": " + answer);
      assertTrue(List.of("number", "not sure").contains(answer.get("status")), answer.toString());
      clear();
    }
  }

  @Test
  void readsDigitsDrawnWithAFinger() {
    for (int index = 10; index < 13; index++) {
      int strokes = draw(PointerInput.Kind.TOUCH, index, SCALE, 0);
      assertEquals(
          Integer.toString(Digits.label(index)),
          answer(strokes).get("text"),
          "test digit " + index);
      clear();
    }
  }

  @Test
  void showsTheDigitsBoxesInputsAndProbabilitiesOfANumber() throws Exception {
    int[] indices = {21, 22, 23};
    int strokes = 0;
    for (int i = 0; i < indices.length; i++) {
      strokes += draw(PointerInput.Kind.MOUSE, indices[i], 7, (i - 1) * 215);
    }
    Map<String, String> answer = answer(strokes);
    String expected = "" + Digits.label(21) + Digits.label(22) + Digits.label(23);
    assertEquals(expected, answer.get("text"), answer.toString());
    List<WebElement> cards = browser.findElements(By.cssSelector("#digits .card"));
    assertEquals(3, cards.size());
    for (WebElement card : cards) {
      assertTrue(
          card.findElement(By.tagName("img"))
              .getAttribute("src")
              .startsWith("data:image/png;base64,"));
      assertEquals(10, card.findElements(By.cssSelector(".bar")).size());
    }
    long boxPixels =
        (Long)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const c = document.getElementById('boxes'); const d = c.getContext('2d')"
                        + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + " for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;");
    assertTrue(boxPixels > 1000, "the boxes are drawn over the digits: " + boxPixels + " pixels");
    assertTrue(
        browser.findElement(By.id("answered-by")).getText().contains("bundled default model"));
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void anUploadedPhotoIsReadAndABlankOneIsNotADigit() throws Exception {
    Path photo = dir.resolve("photo.png");
    Files.write(photo, Digits.png(Digits.row(new int[] {30, 31}, 120, 40)));
    WebElement upload = browser.findElement(By.id("upload"));
    upload.sendKeys(photo.toString());
    assertEquals("" + Digits.label(30) + Digits.label(31), answer(1).get("text"));

    clear();
    Path blank = dir.resolve("blank.png");
    Files.write(
        blank,
        Digits.png(
            new java.awt.image.BufferedImage(
                300,
                200,
                java.awt.image.BufferedImage.TYPE_BYTE_BINARY))); // all black: one colour, no ink
    upload.sendKeys(blank.toString());
    Map<String, String> answer = answer(1);
    assertEquals("not a digit", answer.get("status"), answer.toString());
  }

  @Test
  void anUnclearDigitIsShownAsNotSure() throws Exception {
    Path photo = dir.resolve("unclear.png");
    Files.write(photo, Digits.png(Digits.onPaper(1182, 140))); // a 6 the model reads as 5, 37% sure
    browser.findElement(By.id("upload")).sendKeys(photo.toString());
    Map<String, String> answer = answer(1);
    assertEquals("not sure", answer.get("status"), answer.toString());
    assertTrue(browser.findElement(By.id("answer")).getText().contains("not sure"));
  }

  @Test
  void piecesThatAreNotDigitsAreListedApartFromTheNumber() throws Exception {
    Path blocks = dir.resolve("blocks.png");
    Files.write(blocks, Digits.png(Digits.rowWithBars(-1, -1)));
    Path mixed = dir.resolve("mixed.png");
    Files.write(
        mixed,
        Digits.png(
            Digits.rowWithBars(
                RefusingModels.FIXTURE_ZERO, -1, RefusingModels.ANOTHER_FIXTURE_ZERO)));
    try (DigitRecognizer refusing =
            DigitRecognizer.builder()
                .model(RefusingModels.byCentreInk(0.3), "refusing.onnx")
                .build();
        DemoServer refusingServer =
            DemoServer.start(
                refusing, ServeConfig.builder().port(0).build(), System.err::println)) {
      browser.get(refusingServer.uri().toString());
      browser.findElement(By.id("upload")).sendKeys(blocks.toString());
      Map<String, String> answer = answer(1);
      assertEquals("not a digit", answer.get("status"), answer.toString());
      assertTrue(answer.get("shown").contains("2 pieces not digits"), answer.toString());

      browser.findElement(By.id("clear")).click();
      browser.findElement(By.id("upload")).sendKeys(mixed.toString());
      answer = answer(1);
      String three = Integer.toString(RefusingModels.CENTRE_INK_DIGIT);
      assertEquals(three + three, answer.get("text"), answer.toString());
      assertEquals("not sure", answer.get("status"), answer.toString());
      assertTrue(answer.get("shown").contains("1 piece not a digit, left out"), answer.toString());
      assertEquals(2, browser.findElements(By.cssSelector("#digits .card")).size());
      List<WebElement> refusedCards = browser.findElements(By.cssSelector("#refused .card"));
      assertEquals(1, refusedCards.size());
      assertTrue(
          refusedCards.get(0).getText().contains("not a digit"), refusedCards.get(0).getText());
    } finally {
      browser.get(server.uri().toString());
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(b -> b.findElement(By.id("model")).getText().startsWith("Model: "));
    }
  }

  /**
   * Draws test digit {@code index}: one stroke per horizontal run of ink, {@code scale} canvas
   * pixels per MNIST pixel, centred {@code dx} canvas pixels right of the canvas centre. Returns
   * the strokes.
   */
  static int draw(PointerInput.Kind kind, int index, int scale, int dx) {
    WebElement canvas = browser.findElement(By.id("pad"));
    @SuppressWarnings("unchecked")
    Map<String, Object> size =
        (Map<String, Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const c = arguments[0], r = c.getBoundingClientRect();"
                        + " return {w: r.width, h: r.height, cw: c.width, ch: c.height};",
                    canvas);
    double toCssX =
        ((Number) size.get("w")).doubleValue() / ((Number) size.get("cw")).doubleValue();
    double toCssY =
        ((Number) size.get("h")).doubleValue() / ((Number) size.get("ch")).doubleValue();
    PointerInput pen = new PointerInput(kind, kind == PointerInput.Kind.TOUCH ? "finger" : "mouse");
    Sequence strokes = new Sequence(pen, 0);
    List<int[]> runs = Digits.inkRuns(index, 128);
    for (int[] run : runs) {
      double y = (run[0] - 13.5) * scale;
      double x0 = (run[1] - 13.5) * scale + dx;
      double x1 = (run[2] - 13.5) * scale + dx;
      strokes.addAction(
          pen.createPointerMove(
              Duration.ZERO,
              PointerInput.Origin.fromElement(canvas),
              (int) Math.round(x0 * toCssX),
              (int) Math.round(y * toCssY)));
      strokes.addAction(pen.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
      strokes.addAction(
          pen.createPointerMove(
              Duration.ofMillis(5),
              PointerInput.Origin.fromElement(canvas),
              (int) Math.round(x1 * toCssX),
              (int) Math.round(y * toCssY)));
      strokes.addAction(pen.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
    }
    browser.perform(List.of(strokes));
    return runs.size();
  }

  /**
   * Waits for the page's answer to the drawing made of {@code strokes} strokes (or to an upload).
   */
  static Map<String, String> answer(int strokes) {
    WebElement answer = browser.findElement(By.id("answer"));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            b ->
                Integer.toString(strokes).equals(answer.getAttribute("data-strokes"))
                    && answer.getAttribute("data-pending") == null);
    return Map.of(
        "text",
        answer.getAttribute("data-text"),
        "status",
        answer.getAttribute("data-status"),
        "shown",
        answer.getText());
  }

  static Optional<Path> executable(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(folder -> !folder.isEmpty())
        .map(folder -> Path.of(folder, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
