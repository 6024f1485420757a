package io.github.mnistkit.trainer.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optimisers training offers, by the names used in parameters and reports. */
public enum OptimizerKind {
  ADAM("adam"),
  ADAMW("adamw"),
  /** SGD with momentum 0.9. */
  SGD("sgd"),
  ADADELTA("adadelta");

  private final String id;

  OptimizerKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static OptimizerKind fromId(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(o -> o.id.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown optimizer '" + id + "'. Choose one of: "
            + Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")) + "."));
  }

  @Override
  public String toString() {
    return id;
  }
}
