package io.github.mnistkit.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.mnistkit.sdk.DigitSequence;
import io.github.mnistkit.sdk.ModelInfo;
import io.github.mnistkit.sdk.Recognition;
import io.github.mnistkit.sdk.image.Box;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** The JSON shapes the tool prints and the server answers with: one definition for both. */
public final class Json {
  public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  public static final Gson PRETTY =
      new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create();

  private Json() {}

  /**
   * One digit: {@code digit} (null for none), {@code verdict} ({@code DIGIT}, {@code UNSURE},
   * {@code NOT_A_DIGIT} or {@code BLANK}), {@code confidence}, the ten {@code probabilities},
   * {@code notADigitProbability}, {@code box} in source-image pixels, and with {@code withInput}
   * the 28×28 image the model saw as a PNG data URL.
   */
  public static Map<String, Object> recognition(Recognition r, boolean withInput) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("digit", r.hasDigit() ? r.digit() : null);
    json.put("verdict", r.verdict().name());
    json.put("confidence", r.confidence());
    json.put("probabilities", r.probabilities());
    json.put("notADigitProbability", r.notADigitProbability());
    json.put("box", box(r.box()));
    if (withInput) {
      json.put("input", r.input() == null ? null : pngDataUrl(r));
    }
    json.put("model", r.model());
    return json;
  }

  /**
   * A row of digits: {@code text}, {@code minConfidence}, {@code sure} ({@link
   * DigitSequence#isSure()}), each digit as {@link #recognition}, and under {@code refused} the
   * pieces of ink the model judged not to be digits (kept out of {@code text}), in the same shape.
   */
  public static Map<String, Object> sequence(DigitSequence sequence, boolean withInput) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("text", sequence.text());
    json.put("minConfidence", sequence.isEmpty() ? null : sequence.minConfidence());
    json.put("sure", sequence.isSure());
    json.put("digits", recognitions(sequence.digits(), withInput));
    json.put("refused", recognitions(sequence.refused(), withInput));
    return json;
  }

  private static List<Map<String, Object>> recognitions(
      List<Recognition> recognitions, boolean withInput) {
    List<Map<String, Object>> json = new ArrayList<>();
    for (Recognition r : recognitions) {
      json.add(recognition(r, withInput));
    }
    return json;
  }

  /** What a model is: source, architecture, data set, recorded test accuracy, sha256, version. */
  public static Map<String, Object> model(ModelInfo info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", info.source());
    json.put("architecture", info.architecture());
    json.put("dataset", info.dataset());
    json.put(
        "testAccuracy", info.testAccuracy().isPresent() ? info.testAccuracy().getAsDouble() : null);
    json.put("sha256", info.sha256());
    json.put("version", info.version());
    json.put("metadata", new java.util.TreeMap<>(info.metadata()));
    return json;
  }

  static Map<String, Object> box(Box box) {
    if (box == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("x", box.x());
    json.put("y", box.y());
    json.put("width", box.width());
    json.put("height", box.height());
    return json;
  }

  private static String pngDataUrl(Recognition r) {
    try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
      ImageIO.write(r.input().toBufferedImage(), "png", png);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
