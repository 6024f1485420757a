package io.github.mnistkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the tool: exit code, standard output and standard error. */
public record Run(int exitCode, String out, String err) {
  public static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        MnistKit.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
