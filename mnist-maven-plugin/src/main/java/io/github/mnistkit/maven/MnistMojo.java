package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.trainer.data.DataUnavailableException;
import io.github.mnistkit.trainer.io.MismatchedOutputsException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the mnist goals share (like Jib's {@code JibPluginConfiguration}): {@code skip}, the data
 * folder, the project folder, opening a recognizer, reading parameter values, and turning core
 * failures into build errors that name the parameter to change. Goals take no defaults of their own
 * for core settings: an unset parameter is passed on as unset, and the core's builders decide.
 */
abstract class MnistMojo extends AbstractMojo {
  /** Relative paths in String parameters resolve against this folder. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  protected File basedir;

  /** Goes into the up-to-date fingerprint, so a new plugin version retrains. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  protected String pluginVersion;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution execution;

  /** Skip the goal ({@code -Dmnist.skip} skips every mnist goal). */
  @Parameter(property = "mnist.skip")
  protected boolean skip;

  /** Folder with the four IDX files of the data set; unset: the per-user cache (downloading). */
  @Parameter(property = "mnist.dataDirectory")
  protected File dataDirectory;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping mnist:" + execution.getGoal() + " (mnist.skip=true)");
      return;
    }
    try {
      run();
    } catch (DataUnavailableException e) {
      throw new MojoExecutionException(
          "dataDirectory: "
              + e.getMessage()
              + " With Maven: set"
              + " <dataDirectory> or -Dmnist.dataDirectory=<folder>.",
          e);
    } catch (MismatchedOutputsException e) {
      throw new MojoExecutionException(
          e.getMessage() + " With Maven: mvn mnist:train" + " -Dmnist.force=true.", e);
    } catch (RuntimeException e) {
      throw error(null, e);
    }
  }

  /** The goal's work; core exceptions may pass through, they are mapped by {@link #execute()}. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  protected Path basePath() {
    return basedir.toPath().toAbsolutePath().normalize();
  }

  protected static Path path(File file) {
    return file == null ? null : file.toPath().toAbsolutePath().normalize();
  }

  /** The recognizer for {@code model}, or the SDK's bundled model when it is null. */
  protected DigitRecognizer openRecognizer(File model) throws MojoExecutionException {
    try {
      return model == null
          ? DigitRecognizer.createDefault()
          : DigitRecognizer.builder().model(path(model)).build();
    } catch (RuntimeException e) {
      throw error("model", e);
    }
  }

  /** {@code folder} as an output folder: it may be missing (it is created), but not a file. */
  protected static Path outputFolder(String parameter, String property, File folder)
      throws MojoExecutionException {
    Path path = path(folder);
    if (path != null && Files.isRegularFile(path)) {
      throw new MojoExecutionException(
          parameter
              + ": "
              + path
              + " is a file, not a folder. Point"
              + " <"
              + parameter
              + "> or -D"
              + property
              + " at a folder (it is created if missing), or"
              + " delete the file.");
    }
    return path;
  }

  /**
   * {@code text} read by {@code parser}, or null when unset. A value that is not a number is
   * reported with the parameter's name and {@code valid}, the values it accepts; other refusals of
   * the parser (e.g. an unknown name) with the parameter's name and the parser's message.
   */
  protected static <T> T value(
      String parameter, String text, Function<String, T> parser, String valid)
      throws MojoExecutionException {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return parser.apply(text.trim());
    } catch (NumberFormatException e) {
      throw new MojoExecutionException(parameter + ": '" + text + "' is not " + valid + ".", e);
    } catch (IllegalArgumentException e) {
      throw error(parameter, e);
    }
  }

  /**
   * What {@code core} returns; a setting it refuses is reported as concerning {@code parameter}.
   */
  protected static <T> T checked(String parameter, Supplier<T> core) throws MojoExecutionException {
    try {
      return core.get();
    } catch (IllegalArgumentException e) {
      throw error(parameter, e);
    }
  }

  /**
   * Hands {@code value} to {@code setter} unless it is null (unset: the builder's default holds).
   */
  protected static <T> void ifSet(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /**
   * A failure of the core as a build error. Core messages (bad settings, data, models, images) say
   * what is wrong and what to do; {@code parameter}, when given, says which setting it concerns.
   */
  protected static MojoExecutionException error(String parameter, RuntimeException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return new MojoExecutionException(parameter == null ? message : parameter + ": " + message, e);
  }
}
