package io.github.mnistkit.maven;

import io.github.mnistkit.sdk.DigitRecognizer;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Recognises the digit in image files and logs {@code file → digit (confidence)} for each; files
 * that cannot be read are reported as warnings. Works without a project: {@code mvn
 * io.github.mnistkit:mnist-maven-plugin:recognize -Dmnist.images=scans/}. Uses only the SDK.
 */
@Mojo(name = "recognize", requiresProject = false, threadSafe = true)
public class RecognizeMojo extends MnistMojo {
  /** Image files and folders (searched recursively); comma-separated on the command line. */
  @Parameter(property = "mnist.images", required = true)
  List<String> images;

  /** The ONNX model to use (default: the SDK's bundled model). */
  @Parameter(property = "mnist.model")
  File model;

  /**
   * Also write the answers to this CSV file, with columns {@code file,digit,confidence,verdict}.
   */
  @Parameter(property = "mnist.csvFile")
  File csvFile;

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    List<Path> files =
        checked(
            "images",
            () ->
                ImageBatch.collect(
                    images.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(basePath()::resolve)
                        .toList()));
    if (files.isEmpty()) {
      throw new MojoExecutionException("images: no files found in " + images + ".");
    }
    List<ImageBatch.Result> results;
    try (DigitRecognizer recognizer = openRecognizer(model)) {
      getLog().info("Recognising " + files.size() + " file(s) with " + recognizer.modelInfo());
      results =
          ImageBatch.recognize(
              recognizer,
              files,
              r -> {
                String file = ImageBatch.display(r.file(), basePath());
                if (r.ok()) {
                  getLog().info(file + " → " + r.recognition());
                } else {
                  getLog().warn(file + ": " + r.error());
                }
              });
    }
    if (csvFile != null) {
      try {
        ImageBatch.writeCsv(path(csvFile), results, basePath());
      } catch (UncheckedIOException e) {
        throw error("csvFile", e);
      }
      getLog().info("Wrote " + path(csvFile));
    }
    long read = results.stream().filter(ImageBatch.Result::ok).count();
    if (read == 0) {
      throw new MojoFailureException(
          "None of the "
              + files.size()
              + " file(s) could be read as an"
              + " image; see the warnings above.");
    }
    if (read < results.size()) {
      getLog()
          .warn((results.size() - read) + " of " + results.size() + " file(s) could not be read.");
    }
  }
}
