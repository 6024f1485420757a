package io.github.mnistkit.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this trainer, as built by Maven. */
public final class TrainerVersion {
  private static final String VERSION = load();

  private TrainerVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = TrainerVersion.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
