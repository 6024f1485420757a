package io.github.mnistkit.sdk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import io.github.mnistkit.sdk.image.DigitPreprocessor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Opening, sharing and closing a recognizer (docs/reliability.md, "Threads and close"). */
class RecognizerLifecycleTest {
  private static final int THREADS = 4;

  /**
   * A server shutting down with requests in flight: close() runs while four threads hammer
   * recognize(). It must wait for the runs in flight, and every later call must fail with
   * RecognizerClosedException (before: SIGSEGV in OrtSession.run in 2 of 3 runs, else ORT's
   * IllegalStateException).
   */
  @RepeatedTest(5)
  void closeWhileOtherThreadsRecognizeWaitsForThemAndLaterCallsFailCleanly() throws Exception {
    DigitRecognizer recognizer = DigitRecognizer.builder().threads(1).build();
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      images.add(Fixtures.onPaper(i, 60, 60, 48, 6, 6));
    }
    CountDownLatch running = new CountDownLatch(THREADS);
    AtomicIntegerArray answered = new AtomicIntegerArray(THREADS);
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<RecognizerClosedException> refused = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int n = 0; ; n++) {
                    Recognition r = recognizer.recognize(images.get((id + n) % images.size()));
                    if (r.digit() != Fixtures.TEST.label((id + n) % images.size())) {
                      unexpected.add(new AssertionError("wrong digit " + r));
                    }
                    if (answered.incrementAndGet(id) == 3) {
                      running.countDown();
                    }
                  }
                } catch (RecognizerClosedException e) {
                  refused.add(e);
                } catch (Throwable e) {
                  unexpected.add(e);
                }
              });
      thread.start();
      threads.add(thread);
    }
    assertTrue(running.await(60, TimeUnit.SECONDS), "all threads recognise before close");
    recognizer.close();
    recognizer.close(); // idempotent
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(thread.isAlive());
    }
    assertTrue(unexpected.isEmpty(), "unexpected: " + unexpected);
    assertEquals(THREADS, refused.size(), "every thread ends with RecognizerClosedException");
    assertTrue(
        refused.peek().getMessage().contains("bundled default model")
            && refused.peek().getMessage().contains("closed"),
        refused.peek().getMessage());
  }

  @Test
  void everyCallAfterCloseSaysTheRecognizerIsClosed() {
    DigitRecognizer recognizer = DigitRecognizer.builder().threads(1).build();
    BufferedImage seven = Fixtures.onPaper(0, 60, 60, 48, 6, 6);
    byte[] png = Fixtures.encode(seven, "png");
    assertEquals(7, recognizer.recognize(png).digit());
    recognizer.close();
    for (Executable call :
        List.<Executable>of(
            () -> recognizer.recognize(seven),
            () -> recognizer.recognize(png),
            () -> recognizer.readNumber(seven),
            () -> recognizer.recognizeAll(List.of(seven)),
            () -> recognizer.classify(Fixtures.digit(0)))) {
      RecognizerClosedException e = assertThrows(RecognizerClosedException.class, call);
      assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }
    assertDoesNotThrow(recognizer::close);
    assertEquals("cnn", recognizer.modelInfo().architecture(), "metadata stays readable");
  }

  /**
   * ONNX Runtime's Java docs: SessionOptions must stay open while a session created with them
   * lives.
   */
  @Test
  void sessionOptionsStayOpenForTheSessionsLifetime() throws Exception {
    OnnxDigitModel model = OnnxDigitModel.open(ModelSource.bundled(), Device.CPU, 1, null);
    Field field = null;
    for (Field candidate : OnnxDigitModel.class.getDeclaredFields()) {
      if (candidate.getType() == OrtSession.SessionOptions.class) {
        field = candidate;
      }
    }
    assertNotNull(field, "OnnxDigitModel keeps the SessionOptions of its session");
    field.setAccessible(true);
    OrtSession.SessionOptions options = (OrtSession.SessionOptions) field.get(model);
    assertDoesNotThrow(() -> options.setLoggerId("still open")); // throws once options are closed
    model.close();
    assertThrows(IllegalStateException.class, () -> options.setLoggerId("closed with the session"));
  }

  /** Before, the builder had no way to pass a configured preprocessor to recognize(). */
  @Test
  void aConfiguredPreprocessorReachesRecognize() {
    BufferedImage faint = faintSeven();
    try (DigitRecognizer plain = DigitRecognizer.builder().threads(1).build();
        DigitRecognizer strict =
            DigitRecognizer.builder()
                .threads(1)
                .preprocessor(DigitPreprocessor.builder().minContrast(0.5f).build())
                .build()) {
      assertEquals(7, plain.recognize(faint).digit());
      assertFalse(strict.recognize(faint).hasDigit(), "ink of 30% contrast is below 0.5");
      assertTrue(strict.preprocess(faint).isBlank());
    }
  }

  /** The fixture's seven in grey 180 on white: about 30% contrast. */
  private static BufferedImage faintSeven() {
    BufferedImage seven = Fixtures.onPaper(0, 80, 80, 60, 10, 10);
    BufferedImage faint = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = faint.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 80, 80);
    g.dispose();
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 80; x++) {
        int v = seven.getRGB(x, y) & 0xFF;
        int grey = 255 - (255 - v) * 75 / 255; // ink 0 becomes 180
        faint.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    return faint;
  }
}
