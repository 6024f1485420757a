package io.github.mnistkit.trainer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses the names of the trainer's choices (architectures, optimisers, schedules, data sets). */
public final class Ids {
  /** A choice with the name that code, goal parameters, model metadata and docs share. */
  public interface Named {
    String id();
  }

  private Ids() {}

  /**
   * The constant of {@code type} named {@code id} (case and surrounding blanks ignored).
   *
   * @param what the kind of choice, for the message (e.g. {@code "optimizer"})
   * @param otherwise what else would have been accepted (e.g. {@code "or give a folder"}), or null
   * @throws IllegalArgumentException naming the wrong value and listing the valid names
   */
  public static <E extends Enum<E> & Named> E parse(
      Class<E> type, String id, String what, String otherwise) {
    return find(type, id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown "
                        + what
                        + " '"
                        + id
                        + "'. Choose one of: "
                        + list(type)
                        + (otherwise == null ? "" : ", " + otherwise)
                        + "."));
  }

  /**
   * The constant of {@code type} named {@code id} (case and surrounding blanks ignored), if any.
   */
  public static <E extends Enum<E> & Named> Optional<E> find(Class<E> type, String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants())
        .filter(constant -> constant.id().equals(wanted))
        .findFirst();
  }

  /** The names of {@code type}'s constants, comma-separated, in declaration order. */
  public static <E extends Enum<E> & Named> String list(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Named::id).collect(Collectors.joining(", "));
  }
}
