package io.github.mnistkit.cli;

import io.github.mnistkit.sdk.MnistKitException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code java -jar mnist-kit.jar <command>}: the command-line tool. */
@Command(
    name = "mnist-kit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description =
        "Train, evaluate and use handwritten-digit models (DJL training, ONNX Runtime inference).",
    subcommands = {
      TrainCommand.class, FineTuneCommand.class, EvaluateCommand.class, RecognizeCommand.class,
      ReadNumberCommand.class, ServeCommand.class, ModelsCommand.class, VersionCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  failed: a quality gate was missed, an input (image, model, data) could",
      "     not be read, or training failed",
      "  2  usage error: unknown command or option, or a value that is not allowed",
      "",
      "'mnist-kit <command> --help' lists a command's options and their defaults."
    })
public final class MnistKit implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: choose one of " + String.join(", ", spec.subcommands().keySet()) + ".");
  }

  public static void main(String[] args) {
    System.exit(
        commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
            .execute(args));
  }

  /**
   * The whole tool, writing to {@code out} and {@code err}; {@code execute(args)} gives the exit
   * code.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new MnistKit());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setDefaultValueProvider(new Defaults());
    commandLine.setParameterExceptionHandler(MnistKit::usageError);
    commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> failure(e, cl));
    return commandLine;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return USAGE;
  }

  private static int failure(Exception e, CommandLine cl) {
    PrintWriter err = cl.getErr();
    if (e instanceof MnistKitException
        || e instanceof UncheckedIOException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      err.println("error: " + (e.getMessage() == null ? e : e.getMessage()));
    } else {
      err.println("error: unexpected failure (please report it):");
      e.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }
}
