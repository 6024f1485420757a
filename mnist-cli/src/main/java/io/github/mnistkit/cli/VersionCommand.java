package io.github.mnistkit.cli;

import ai.onnxruntime.OrtEnvironment;
import io.github.mnistkit.sdk.DigitRecognizer;
import io.github.mnistkit.sdk.ModelInfo;
import io.github.mnistkit.trainer.TrainerVersion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mnist-kit version}: the tool's version, the runtime, and the bundled model's identity. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description =
        "Prints the versions of mnist-kit, Java and ONNX Runtime, and the bundled model's version"
            + " and sha256.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The tool's version (the trainer's: the modules are released together). */
  static String version() {
    return TrainerVersion.get();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (String line : new Provider().getVersion()) {
      out.println(line);
    }
    try (DigitRecognizer recognizer = DigitRecognizer.createDefault()) {
      ModelInfo info = recognizer.modelInfo();
      out.println("Bundled model: " + info);
      out.println("  version " + info.version());
      out.println("  sha256  " + info.sha256());
    }
    out.flush();
    return MnistKit.OK;
  }

  /** For {@code mnist-kit --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "mnist-kit " + version(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")",
        "ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion()
      };
    }
  }
}
