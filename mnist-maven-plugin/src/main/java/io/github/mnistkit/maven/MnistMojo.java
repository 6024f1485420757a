package io.github.mnistkit.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the mnist goals share: the project folder, and turning core failures into build errors. */
abstract class MnistMojo extends AbstractMojo {
  /** Relative paths in String parameters resolve against this folder. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  protected File basedir;

  /** Goes into the up-to-date fingerprint, so a new plugin version retrains. */
  @Parameter(defaultValue = "${plugin.version}", readonly = true)
  protected String pluginVersion;

  protected Path basePath() {
    return basedir.toPath().toAbsolutePath().normalize();
  }

  protected static Path path(File file) {
    return file == null ? null : file.toPath().toAbsolutePath().normalize();
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
