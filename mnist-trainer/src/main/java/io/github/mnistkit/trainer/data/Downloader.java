package io.github.mnistkit.trainer.data;

import io.github.mnistkit.sdk.InvalidDataException;
import io.github.mnistkit.trainer.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Downloads the four files of a data set from its mirrors, keeping only files whose md5 matches.
 */
final class Downloader {
  private final Consumer<String> log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(20))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  Downloader(Consumer<String> log) {
    this.log = log;
  }

  void download(DatasetKind kind, Path directory) {
    download(kind.id(), kind.mirrors(), kind::md5, directory);
  }

  /**
   * Fetches each of the four files whose md5 does not already match, trying the mirrors in order.
   */
  void download(
      String dataset, List<String> mirrors, UnaryOperator<String> md5ByName, Path directory) {
    for (String name : DataFiles.ALL) {
      Path target = directory.resolve(name);
      if (Files.isRegularFile(target) && md5ByName.apply(name).equals(md5(target))) {
        continue;
      }
      fetch(dataset, mirrors, name, md5ByName, target);
    }
  }

  private void fetch(
      String dataset,
      List<String> mirrors,
      String name,
      UnaryOperator<String> md5ByName,
      Path target) {
    String expectedMd5 = md5ByName.apply(name);
    List<String> failures = new ArrayList<>();
    for (String mirror : mirrors) {
      String url = mirror + name;
      log.accept("Downloading " + url);
      try {
        HttpResponse<byte[]> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          failures.add(url + ": HTTP " + response.statusCode());
          continue;
        }
        String actual = md5(response.body());
        if (!actual.equals(expectedMd5)) {
          failures.add(url + ": md5 " + actual + " instead of " + expectedMd5);
          continue;
        }
        AtomicFiles.write(target, out -> out.write(response.body()));
        return;
      } catch (IOException e) {
        failures.add(url + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InvalidDataException("Download of " + name + " was interrupted", e);
      }
    }
    Map<String, String> md5s =
        DataFiles.ALL.stream().collect(Collectors.toMap(file -> file, md5ByName));
    throw new DataUnavailableException(
        "Could not download "
            + name
            + " for "
            + dataset
            + ": "
            + failures
            + ". "
            + DataSources.howToProvide(md5s, target.getParent())
            + ".");
  }

  static String md5(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
