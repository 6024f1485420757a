package io.github.mnistkit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.mnistkit.cli.Digits;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.testing.RefusingModels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over real HTTP: answers, errors as JSON, and the limits. */
class DemoServerTest {
  static final int UPLOAD_LIMIT = 64 * 1024;
  static DigitRecognizer recognizer;
  static DemoServer server;
  static final List<String> serverLog = new ArrayList<>();
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    recognizer = DigitRecognizer.createDefault();
    server =
        DemoServer.start(
            recognizer,
            ServeConfig.builder().port(0).maxUploadBytes(UPLOAD_LIMIT).build(),
            serverLog::add);
  }

  @AfterAll
  static void stop() {
    server.close();
    recognizer.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    return post(server, path, contentType, body);
  }

  static HttpResponse<String> post(DemoServer to, String path, String contentType, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(to.uri().resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject json(HttpResponse<String> response) {
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        response.headers().toString());
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  @Test
  void healthAndModel() throws Exception {
    HttpResponse<String> health = get("/health");
    assertEquals(200, health.statusCode());
    assertEquals("ok", json(health).get("status").getAsString());
    JsonObject model = json(get("/api/model"));
    assertEquals(recognizer.modelInfo().sha256(), model.get("sha256").getAsString());
    assertEquals(recognizer.modelInfo().version(), model.get("version").getAsString());
    assertEquals("cnn", model.get("architecture").getAsString());
    assertEquals(UPLOAD_LIMIT, model.get("maxUploadBytes").getAsLong());
  }

  @Test
  void thePageAndItsAssetsComeFromTheJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<canvas id=\"pad\""), page.body());
    assertFalse(
        page.body().contains("http://") || page.body().contains("https://"),
        "no outside resources");
    assertEquals(200, get("/app.js").statusCode());
    assertEquals(200, get("/app.css").statusCode());
  }

  @Test
  void recognizesARawPng() throws Exception {
    HttpResponse<String> response =
        post("/api/recognize", "image/png", Digits.png(Digits.onPaper(0, 112)));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject answer = json(response);
    assertEquals(Digits.label(0), answer.get("digit").getAsInt());
    assertEquals("digit", answer.get("status").getAsString());
    assertEquals(10, answer.getAsJsonArray("probabilities").size());
    assertTrue(answer.get("input").getAsString().startsWith("data:image/png;base64,"));
    assertEquals("bundled default model", answer.get("model").getAsString());
  }

  @Test
  void readsANumberSentAsAMultipartFileField() throws Exception {
    byte[] png = Digits.png(Digits.row(new int[] {3, 4, 5}, 56, 24));
    String boundary = "----mnistkit" + System.nanoTime();
    byte[] body =
        concat(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                    + "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"n.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8),
            png,
            ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        post("/api/read-number", "multipart/form-data; boundary=" + boundary, body);
    assertEquals(200, response.statusCode(), response.body());
    JsonObject answer = json(response);
    assertEquals(
        "" + Digits.label(3) + Digits.label(4) + Digits.label(5), answer.get("text").getAsString());
    assertEquals(3, answer.getAsJsonArray("digits").size());
    JsonObject box =
        answer.getAsJsonArray("digits").get(0).getAsJsonObject().getAsJsonObject("box");
    assertTrue(box.get("x").getAsInt() < box.get("x").getAsInt() + box.get("width").getAsInt());
  }

  @Test
  void aBlankImageIsNotADigitAndAnUnclearOneIsNotSure() throws Exception {
    BufferedImage white = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = white.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 200);
    g.dispose();
    JsonObject blank = json(post("/api/recognize", "image/png", Digits.png(white)));
    assertEquals("not a digit", blank.get("status").getAsString());
    assertEquals("BLANK", blank.get("verdict").getAsString());
    assertTrue(blank.get("digit").isJsonNull());
    JsonObject number = json(post("/api/read-number", "image/png", Digits.png(white)));
    assertEquals("not a digit", number.get("status").getAsString());
    assertEquals("", number.get("text").getAsString());
    assertEquals(0, number.getAsJsonArray("refused").size());
    // the caller's threshold, whatever the bundled model's calibration says
    try (DigitRecognizer strict = DigitRecognizer.builder().confidenceThreshold(0.9).build();
        DemoServer strictServer =
            DemoServer.start(strict, ServeConfig.builder().port(0).build(), serverLog::add)) {
      // test digit 1182, a 6 the bundled model takes for a 5 with 37% confidence
      JsonObject unclear =
          json(
              post(
                  strictServer,
                  "/api/recognize",
                  "image/png",
                  Digits.png(Digits.onPaper(1182, 112))));
      assertEquals("not sure", unclear.get("status").getAsString(), unclear.toString());
      assertEquals("UNSURE", unclear.get("verdict").getAsString(), unclear.toString());
      assertTrue(unclear.get("confidence").getAsDouble() < 0.9);
      assertEquals(0.9, unclear.get("confidenceThreshold").getAsDouble(), 1e-6);
    }
  }

  @Test
  void theStatusFollowsTheVerdictAtTheRecognizersOwnThreshold() throws Exception {
    JsonObject model = json(get("/api/model"));
    assertEquals(
        recognizer.confidenceThreshold(), model.get("confidenceThreshold").getAsDouble(), 1e-6);
    assertEquals(recognizer.modelInfo().canRefuse(), model.get("canRefuse").getAsBoolean());
    for (int index : new int[] {0, 1182}) {
      JsonObject answer =
          json(post("/api/recognize", "image/png", Digits.png(Digits.onPaper(index, 112))));
      String expected =
          switch (answer.get("verdict").getAsString()) {
            case "DIGIT" -> "digit";
            case "UNSURE" -> "not sure";
            default -> "not a digit";
          };
      assertEquals(expected, answer.get("status").getAsString(), answer.toString());
      assertEquals(
          recognizer.confidenceThreshold(), answer.get("confidenceThreshold").getAsDouble(), 1e-6);
    }
  }

  @Test
  void inkThatIsNotADigitIsNotADigitAndARowListsItsRefusedPieces() throws Exception {
    try (DigitRecognizer refusing =
            DigitRecognizer.builder()
                .model(RefusingModels.byCentreInk(0.3), "refusing.onnx")
                .build();
        DemoServer refusingServer =
            DemoServer.start(refusing, ServeConfig.builder().port(0).build(), serverLog::add)) {
      JsonObject block =
          json(
              post(
                  refusingServer,
                  "/api/recognize",
                  "image/png",
                  Digits.png(Digits.rowWithBars(-1))));
      assertEquals("NOT_A_DIGIT", block.get("verdict").getAsString(), block.toString());
      assertEquals("not a digit", block.get("status").getAsString());
      assertTrue(block.get("digit").isJsonNull());

      JsonObject blocks =
          json(
              post(
                  refusingServer,
                  "/api/read-number",
                  "image/png",
                  Digits.png(Digits.rowWithBars(-1, -1))));
      assertEquals("not a digit", blocks.get("status").getAsString(), blocks.toString());
      assertEquals("", blocks.get("text").getAsString());
      assertEquals(2, blocks.getAsJsonArray("refused").size());

      JsonObject mixed =
          json(
              post(
                  refusingServer,
                  "/api/read-number",
                  "image/png",
                  Digits.png(
                      Digits.rowWithBars(
                          RefusingModels.FIXTURE_ZERO, -1, RefusingModels.ANOTHER_FIXTURE_ZERO))));
      String three = Integer.toString(RefusingModels.CENTRE_INK_DIGIT);
      assertEquals(three + three, mixed.get("text").getAsString(), mixed.toString());
      assertEquals("not sure", mixed.get("status").getAsString(), "a piece was left out");
      assertFalse(mixed.get("sure").getAsBoolean());
      JsonObject piece = mixed.getAsJsonArray("refused").get(0).getAsJsonObject();
      assertEquals("not a digit", piece.get("status").getAsString());
      assertTrue(piece.get("input").getAsString().startsWith("data:image/png;base64,"));
      for (var digit : mixed.getAsJsonArray("digits")) {
        assertEquals("digit", digit.getAsJsonObject().get("status").getAsString());
      }
    }
  }

  @Test
  void aBadImageIsA400WithTheSdksMessageAndNoStackTrace() throws Exception {
    HttpResponse<String> response =
        post("/api/recognize", "image/png", "this is not a picture".getBytes());
    assertEquals(400, response.statusCode());
    JsonObject error = json(response);
    assertEquals("invalid_image", error.get("error").getAsString());
    assertFalse(error.get("message").getAsString().isBlank());
    assertFalse(
        response.body().contains("at io.github") || response.body().contains("Exception"),
        response.body());
  }

  @Test
  void anEmptyBodyIsA400() throws Exception {
    HttpResponse<String> response = post("/api/read-number", "image/png", new byte[0]);
    assertEquals(400, response.statusCode());
    assertEquals("no_image", json(response).get("error").getAsString());
  }

  @Test
  void anUploadAboveTheLimitIsA413() throws Exception {
    HttpResponse<String> response = post("/api/recognize", "image/png", new byte[3 * UPLOAD_LIMIT]);
    assertEquals(413, response.statusCode(), response.body());
    JsonObject error = json(response);
    assertEquals("too_large", error.get("error").getAsString());
    assertTrue(error.get("message").getAsString().contains("limit of " + UPLOAD_LIMIT + " bytes"));
    // the server goes on answering
    assertEquals(200, get("/health").statusCode());
  }

  @Test
  void wrongMethodsAndUnknownPathsAreJsonErrors() throws Exception {
    HttpResponse<String> method = get("/api/recognize");
    assertEquals(405, method.statusCode());
    assertEquals("method_not_allowed", json(method).get("error").getAsString());
    HttpResponse<String> missing = get("/api/nothing");
    assertEquals(404, missing.statusCode());
    assertEquals("not_found", json(missing).get("error").getAsString());
  }

  @Test
  void requestsBeyondTheConcurrencyLimitGet503() throws Exception {
    try (DemoServer one =
            DemoServer.start(
                recognizer,
                ServeConfig.builder().port(0).maxConcurrentRequests(1).build(),
                serverLog::add);
        Socket slow = new Socket(one.uri().getHost(), one.uri().getPort())) {
      // a client that announces an upload and sends only part of it holds the one permit
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /api/recognize HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                  + "Content-Length: 100\r\n\r\n0123456789")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      URI recognize = one.uri().resolve("/api/recognize");
      HttpResponse<String> busy = null;
      for (int attempt = 0;
          attempt < 100 && (busy == null || busy.statusCode() != 503);
          attempt++) {
        busy =
            http.send(
                HttpRequest.newBuilder(recognize)
                    .header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Digits.png(Digits.onPaper(0, 56))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (busy.statusCode() != 503) {
          Thread.sleep(20);
        }
      }
      assertNotNull(busy);
      assertEquals(503, busy.statusCode(), busy.body());
      assertEquals("busy", json(busy).get("error").getAsString());
      assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
      out.write(new byte[90]); // the rest of the slow upload: not an image
      out.flush();
      String reply = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 400", reply);
      HttpResponse<String> after =
          http.send(
              HttpRequest.newBuilder(recognize)
                  .header("Content-Type", "image/png")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(Digits.png(Digits.onPaper(0, 56))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, after.statusCode(), "the permit is released: " + after.body());
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
