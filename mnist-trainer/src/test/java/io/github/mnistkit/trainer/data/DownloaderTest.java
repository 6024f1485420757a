package io.github.mnistkit.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.trainer.Fixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from mirrors served on loopback: md5 checked, bad mirrors skipped, nothing
 * half-written.
 */
class DownloaderTest {
  @TempDir Path dir;
  HttpServer server;
  String good;
  String corrupt;
  String missing;
  final Map<String, String> md5 = new HashMap<>();
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/good/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring("/good/".length());
          byte[] body = Files.readAllBytes(Fixture.DIRECTORY.resolve(name));
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/corrupt/",
        exchange -> {
          byte[] body = "<html>mirror error page</html>".getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/missing/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    good = base + "/good/";
    corrupt = base + "/corrupt/";
    missing = base + "/missing/";
    for (String name : DataFiles.ALL) {
      md5.put(name, Downloader.md5(Fixture.DIRECTORY.resolve(name)));
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void badMirrorsAreSkippedAndOnlyVerifiedFilesAreKept() throws Exception {
    Path target = dir.resolve("mnist");
    new Downloader(log::add).download("mnist", List.of(missing, corrupt, good), md5::get, target);
    for (String name : DataFiles.ALL) {
      assertArrayEquals(
          Files.readAllBytes(Fixture.DIRECTORY.resolve(name)),
          Files.readAllBytes(target.resolve(name)));
    }
    assertTrue(DataFiles.complete(target));
    assertEquals(12, log.size(), "three mirrors tried for each of four files: " + log);
  }

  @Test
  void filesAlreadyPresentWithTheRightChecksumAreNotFetchedAgain() throws Exception {
    Path target = Files.createDirectories(dir.resolve("mnist"));
    for (String name : DataFiles.ALL) {
      Files.copy(Fixture.DIRECTORY.resolve(name), target.resolve(name));
    }
    new Downloader(log::add).download("mnist", List.of(good), md5::get, target);
    assertEquals(List.of(), log);
  }

  @Test
  void whenNoMirrorHasTheRightBytesItFailsAndWritesNothing() {
    Path target = dir.resolve("mnist");
    InvalidDataException e =
        assertThrows(
            InvalidDataException.class,
            () ->
                new Downloader(log::add)
                    .download("mnist", List.of(missing, corrupt), md5::get, target));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("md5"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "Put the four files into "
                    + target.toAbsolutePath()
                    + " ("
                    + DataFiles.TRAIN_IMAGES
                    + " md5 "
                    + md5.get(DataFiles.TRAIN_IMAGES)),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith("or give the folder that holds them as the data directory."),
        e.getMessage());
    assertFalse(Files.exists(target.resolve(DataFiles.TRAIN_IMAGES)));
  }
}
