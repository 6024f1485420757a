package io.github.mnistkit.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.mnistkit.cli.Json;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.InvalidImageException;
import io.github.mnistkit.sdk.Recognition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The web demo and REST API of {@code mnist-kit serve}, on the JDK's own HTTP server ({@code
 * com.sun.net.httpserver}): six routes need no framework, and the executable jar stays free of a
 * web stack (Javalin 7 would add Jetty 12, Kotlin's standard library and more, for features this
 * server does not use). Multipart parsing, the upload limit and the concurrency limit are therefore
 * done here.
 *
 * <ul>
 *   <li>{@code GET /}: the page with the drawing canvas; its script and style sheet come from the
 *       jar.
 *   <li>{@code POST /api/recognize}, {@code POST /api/read-number}: the image as the raw body or as
 *       a {@code multipart/form-data} file field; JSON answer.
 *   <li>{@code GET /api/model}: the model's metadata, sha256 and version, and the server's limits.
 *   <li>{@code GET /health}: {@code {"status":"ok"}}.
 * </ul>
 *
 * <p>Errors are JSON {@code {"status", "error", "message"}}: 400 for images the SDK refuses (its
 * message), 404, 405, 413 above the upload limit, 503 when {@link
 * ServeConfig#maxConcurrentRequests()} recognitions are already running, 500 without details (those
 * go to the server's log).
 */
public final class DemoServer implements AutoCloseable {
  private static final String WEB = "/io/github/mnistkit/cli/web/";
  private static final Map<String, String[]> ASSETS =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
          "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
          "/app.css", new String[] {"app.css", "text/css; charset=utf-8"});

  /** Bodies up to this size are read to the end (and discarded) before a 413 or 503 answer. */
  private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

  static {
    // The JDK server otherwise waits for ever on a client that stops sending (seconds; read once).
    System.setProperty(
        "sun.net.httpserver.maxReqTime",
        System.getProperty("sun.net.httpserver.maxReqTime", "120"));
    System.setProperty(
        "sun.net.httpserver.maxRspTime",
        System.getProperty("sun.net.httpserver.maxRspTime", "120"));
  }

  private final DigitRecognizer recognizer;
  private final ServeConfig config;
  private final Consumer<String> log;
  private final Semaphore permits;
  private final Map<String, Object> model;
  private final Map<String, byte[]> assets = new LinkedHashMap<>();
  private final ExecutorService executor;
  private final HttpServer server;

  private DemoServer(DigitRecognizer recognizer, ServeConfig config, Consumer<String> log)
      throws IOException {
    this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    this.config = Objects.requireNonNull(config, "config");
    this.log = Objects.requireNonNull(log, "log");
    this.permits = new Semaphore(config.maxConcurrentRequests());
    this.model = Json.model(recognizer.modelInfo());
    model.put("device", recognizer.device().toString());
    for (String[] asset : ASSETS.values()) {
      assets.put(asset[0], resource(asset[0]));
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            config.maxConcurrentRequests() + 8,
            task -> {
              Thread thread = new Thread(task, "mnist-kit-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving. The caller keeps ownership of {@code recognizer} (close it after this server).
   *
   * @param log where unexpected failures are reported, with their stack traces
   * @throws UncheckedIOException when the port cannot be bound, e.g. because it is in use
   */
  public static DemoServer start(
      DigitRecognizer recognizer, ServeConfig config, Consumer<String> log) {
    DemoServer demo;
    try {
      demo = new DemoServer(recognizer, config, log);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not listen on "
              + config.host()
              + ":"
              + config.port()
              + " ("
              + e.getMessage()
              + "). Choose another --port (0 picks a free one) or --host.",
          e);
    }
    demo.server.start();
    return demo;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host =
        address.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : address.getAddress().getHostAddress();
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        route(exchange);
      } catch (HttpError e) {
        sendError(exchange, e.status(), e.code(), e.getMessage());
      } catch (InvalidImageException e) {
        sendError(exchange, 400, "invalid_image", e.getMessage());
      } catch (RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        log.accept(
            "Request "
                + exchange.getRequestMethod()
                + " "
                + exchange.getRequestURI()
                + " failed: "
                + trace);
        sendError(
            exchange,
            500,
            "internal_error",
            "The server could not answer this request; its log says why.");
      }
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String[] asset = ASSETS.get(path);
    if (asset != null) {
      requireMethod(method, "GET");
      send(exchange, 200, asset[1], assets.get(asset[0]));
    } else if (path.equals("/health")) {
      requireMethod(method, "GET");
      sendJson(exchange, 200, Map.of("status", "ok"));
    } else if (path.equals("/api/model")) {
      requireMethod(method, "GET");
      sendJson(exchange, 200, modelAndLimits());
    } else if (path.equals("/api/recognize")) {
      requireMethod(method, "POST");
      sendJson(exchange, 200, withPermit(exchange, this::recognize));
    } else if (path.equals("/api/read-number")) {
      requireMethod(method, "POST");
      sendJson(exchange, 200, withPermit(exchange, this::readNumber));
    } else {
      throw new HttpError(
          404,
          "not_found",
          "Nothing here: "
              + path
              + ". The API is POST /api/recognize,"
              + " POST /api/read-number, GET /api/model and GET /health.");
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new HttpError(
          405, "method_not_allowed", method + " is not allowed here; use " + allowed + ".");
    }
  }

  private Map<String, Object> modelAndLimits() {
    Map<String, Object> json = new LinkedHashMap<>(model);
    json.put("confidenceThreshold", recognizer.confidenceThreshold());
    json.put("canRefuse", recognizer.modelInfo().canRefuse());
    json.put("maxUploadBytes", config.maxUploadBytes());
    json.put("maxConcurrentRequests", config.maxConcurrentRequests());
    return json;
  }

  private interface Work {
    Map<String, Object> answer(byte[] image);
  }

  private Map<String, Object> withPermit(HttpExchange exchange, Work work) throws IOException {
    if (!permits.tryAcquire()) {
      drain(exchange);
      exchange.getResponseHeaders().set("Retry-After", "1");
      throw new HttpError(
          503,
          "busy",
          "The server is already recognising "
              + config.maxConcurrentRequests()
              + " images, its limit. Retry in a moment.");
    }
    try {
      return work.answer(image(exchange));
    } finally {
      permits.release();
    }
  }

  private Map<String, Object> recognize(byte[] image) {
    Recognition recognition = recognizer.recognize(image);
    Map<String, Object> json = Json.recognition(recognition, true);
    json.put("status", status(recognition));
    json.put("confidenceThreshold", recognizer.confidenceThreshold());
    return json;
  }

  private Map<String, Object> readNumber(byte[] image) {
    DigitSequence sequence = recognizer.readNumber(image);
    Map<String, Object> json = Json.sequence(sequence, true);
    json.put("status", status(sequence));
    withStatuses(json.get("digits"), sequence.digits());
    withStatuses(json.get("refused"), sequence.refused());
    json.put("model", recognizer.modelInfo().source());
    json.put("confidenceThreshold", recognizer.confidenceThreshold());
    return json;
  }

  private static void withStatuses(Object jsonList, List<Recognition> recognitions) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) jsonList;
    for (int i = 0; i < entries.size(); i++) {
      entries.get(i).put("status", status(recognitions.get(i)));
    }
  }

  /**
   * The page's word for a row: "number" when {@link DigitSequence#isSure()}, "not sure" when it has
   * digits but is not sure (an unsure digit, or a refused piece beside the digits), "not a digit"
   * when nothing in it is a digit (blank, or only ink the model refuses).
   */
  private static String status(DigitSequence sequence) {
    if (sequence.isEmpty()) {
      return "not a digit";
    }
    return sequence.isSure() ? "number" : "not sure";
  }

  /**
   * The page's word for one {@link Recognition#verdict()}: "digit", "not sure", or "not a digit"
   * (ink the model refuses, or nothing drawn).
   */
  private static String status(Recognition recognition) {
    return switch (recognition.verdict()) {
      case DIGIT -> "digit";
      case UNSURE -> "not sure";
      case NOT_A_DIGIT, BLANK -> "not a digit";
    };
  }

  /** The uploaded image: the raw body, or the file field of a multipart form. */
  private byte[] image(HttpExchange exchange) throws IOException {
    byte[] body = body(exchange);
    String boundary = Multipart.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
    byte[] image = boundary == null ? body : Multipart.firstFile(body, boundary);
    if (image.length == 0) {
      throw new HttpError(
          400,
          "no_image",
          "The request holds no image. Send the image bytes as the body"
              + " (e.g. Content-Type: image/png) or as a multipart/form-data file field.");
    }
    return image;
  }

  private byte[] body(HttpExchange exchange) throws IOException {
    long declared = contentLength(exchange);
    if (declared > config.maxUploadBytes()) {
      drain(exchange);
      throw tooLarge(declared + " bytes");
    }
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream body =
        new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 1 << 20)));
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > config.maxUploadBytes()) {
        drain(exchange);
        throw tooLarge("more than " + config.maxUploadBytes() + " bytes");
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  private HttpError tooLarge(String size) {
    return new HttpError(
        413,
        "too_large",
        "The upload ("
            + size
            + ") is larger than this server's limit of "
            + config.maxUploadBytes()
            + " bytes. Send a smaller image, or start the server with a higher"
            + " --max-upload-bytes.");
  }

  private static long contentLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new HttpError(400, "bad_request", "Content-Length is not a number: " + value);
    }
  }

  /**
   * Reads what is left of the body, up to {@link #MAX_DRAIN_BYTES}, so that a client still sending
   * it sees the error answer instead of a reset connection; larger bodies are cut off.
   */
  private static void drain(HttpExchange exchange) throws IOException {
    long declared = contentLength(exchange);
    if (declared > MAX_DRAIN_BYTES) {
      exchange.getResponseHeaders().set("Connection", "close");
      return;
    }
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[64 * 1024];
    long drained = 0;
    for (int n; drained < MAX_DRAIN_BYTES && (n = in.read(buffer)) > 0; ) {
      drained += n;
    }
  }

  private static void sendError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", status);
    json.put("error", code);
    json.put("message", message);
    sendJson(exchange, status, json);
  }

  private static void sendJson(HttpExchange exchange, int status, Object json) throws IOException {
    send(
        exchange,
        status,
        "application/json; charset=utf-8",
        Json.GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange
        .getResponseHeaders()
        .set(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; frame-ancestors 'none'");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoServer.class.getResourceAsStream(WEB + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The web page's " + name + " is missing from the jar (" + WEB + name + ").");
      }
      return in.readAllBytes();
    }
  }
}
