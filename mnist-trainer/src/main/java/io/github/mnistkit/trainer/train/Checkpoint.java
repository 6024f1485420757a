package io.github.mnistkit.trainer.train;

import ai.djl.MalformedModelException;
import io.github.mnistkit.sdk.InvalidModelException;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.nn.Architecture;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trainer's own checkpoint file: a header naming the architecture and a few facts, followed by
 * DJL's parameter stream. Written atomically; read back into a {@link TrainedModel} of the right
 * architecture (the base of fine-tuning).
 */
public final class Checkpoint {
  private static final byte[] MAGIC = "MNISTKIT-CHECKPOINT".getBytes(StandardCharsets.US_ASCII);

  /** Digit-only models; read by every trainer version. */
  private static final int VERSION_DIGITS = 1;

  /**
   * Models with the "not a digit" class: a new version, so that an older trainer refuses the file
   * instead of reading 11 outputs as 10.
   */
  private static final int VERSION_NOT_A_DIGIT = 2;

  // facts every checkpoint carries about its model; absent in checkpoints of digit-only models
  private static final String CLASSES = "classes";
  private static final String TEMPERATURE = "temperature";
  private static final String THRESHOLD = "confidence_threshold";
  private static final String CALIBRATION_IMAGES = "calibration_images";

  private Checkpoint() {}

  /** A checkpoint read from disk: the model (owned: close it) and the facts stored with it. */
  public record Loaded(TrainedModel model, Map<String, String> facts) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  public static void write(Path file, TrainedModel model, Map<String, String> given) {
    Map<String, String> facts = new TreeMap<>(given);
    facts.put(CLASSES, Integer.toString(model.classes()));
    ConfidenceCalibration calibration = model.calibration();
    facts.put(TEMPERATURE, Float.toString(calibration.temperature()));
    facts.put(THRESHOLD, Float.toString(calibration.confidenceThreshold()));
    facts.put(CALIBRATION_IMAGES, Integer.toString(calibration.heldOutImages()));
    AtomicFiles.write(
        file,
        stream -> {
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
          out.write(MAGIC);
          out.writeInt(model.canRefuse() ? VERSION_NOT_A_DIGIT : VERSION_DIGITS);
          out.writeUTF(model.architecture().id());
          out.writeInt(facts.size());
          // sorted: the same run writes the same bytes (Map.of iterates in a different order per
          // JVM)
          for (Map.Entry<String, String> fact : facts.entrySet()) {
            out.writeUTF(fact.getKey());
            out.writeUTF(fact.getValue());
          }
          model.block().saveParameters(out);
          out.flush();
        });
  }

  public static Loaded read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException(
          "Checkpoint "
              + file
              + " does not exist. Train a model first:"
              + " training writes checkpoint.params beside model.onnx.");
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new InvalidModelException(
            file
                + " is not an mnist-kit checkpoint (wrong header). Point to"
                + " the checkpoint.params file written by training.");
      }
      int version = in.readInt();
      if (version != VERSION_DIGITS && version != VERSION_NOT_A_DIGIT) {
        throw new InvalidModelException(
            file
                + " is a checkpoint of format version "
                + version
                + "; this trainer reads versions "
                + VERSION_DIGITS
                + " and "
                + VERSION_NOT_A_DIGIT
                + ". Retrain with this version.");
      }
      Architecture architecture = Architecture.fromId(in.readUTF());
      Map<String, String> facts = new LinkedHashMap<>();
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        facts.put(in.readUTF(), in.readUTF());
      }
      TrainedModel model = TrainedModel.create(architecture, classes(facts, file));
      try {
        model.block().loadParameters(model.manager(), in);
        model.calibrate(calibration(facts));
        facts.keySet().removeAll(List.of(CLASSES, TEMPERATURE, THRESHOLD, CALIBRATION_IMAGES));
      } catch (MalformedModelException | RuntimeException e) {
        model.close();
        throw new InvalidModelException(
            file
                + ": parameters do not fit the "
                + architecture
                + " architecture ("
                + e.getMessage()
                + "). The file is corrupt or from another version.",
            e);
      }
      return new Loaded(model, facts);
    } catch (IOException e) {
      throw new InvalidModelException(
          file
              + " could not be read as a checkpoint ("
              + e
              + "). It may be truncated; retrain or restore it.",
          e);
    }
  }

  private static int classes(Map<String, String> facts, Path file) {
    String value = facts.getOrDefault(CLASSES, Integer.toString(Architecture.DIGITS));
    if (!value.equals("10") && !value.equals("11")) {
      throw new InvalidModelException(
          file
              + " declares "
              + value
              + " classes; a digit model has 10 or 11. The file is corrupt.");
    }
    return Integer.parseInt(value);
  }

  private static ConfidenceCalibration calibration(Map<String, String> facts) {
    if (!facts.containsKey(TEMPERATURE)) {
      return ConfidenceCalibration.NONE;
    }
    return new ConfidenceCalibration(
        Float.parseFloat(facts.get(TEMPERATURE)),
        Float.parseFloat(facts.getOrDefault(THRESHOLD, "0")),
        Integer.parseInt(facts.getOrDefault(CALIBRATION_IMAGES, "0")),
        Double.NaN,
        Double.NaN);
  }
}
