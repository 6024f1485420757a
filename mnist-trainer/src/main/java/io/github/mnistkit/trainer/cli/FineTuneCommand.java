package io.github.mnistkit.trainer.cli;

import io.github.mnistkit.sdk.MnistKitException;
import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.data.DigitData;
import io.github.mnistkit.trainer.data.PrintedDigits;
import io.github.mnistkit.trainer.job.FineTuneConfig;
import io.github.mnistkit.trainer.job.FineTuneJob;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code FineTuneCommand --base target/mnist/checkpoint.params --images my-digits --data DIR
 * --output target/mnist-finetuned}: fine-tunes on a 0/…9/ folder with MNIST replay and prints the
 * before/after figures. {@code --generate-printed N} first writes N printed digits per class into
 * the images folder.
 */
public final class FineTuneCommand {
  private FineTuneCommand() {}

  public static void main(String[] args) {
    try {
      Map<String, String> o = parse(args);
      Path images = Path.of(required(o, "images"));
      if (o.containsKey("generate-printed")) {
        PrintedDigits.generate(images, Integer.parseInt(o.get("generate-printed")), 7);
      }
      FineTuneConfig config = FineTuneConfig.builder(Path.of(required(o, "base")), images)
          .epochs(Integer.parseInt(o.getOrDefault("epochs", "8")))
          .learningRate(Float.parseFloat(o.getOrDefault("learning-rate", "3e-4")))
          .replayFraction(Float.parseFloat(o.getOrDefault("replay", "0.5")))
          .freezeFeatures(o.containsKey("freeze"))
          .augment(!o.containsKey("no-augment"))
          .force(o.containsKey("force"))
          .seed(Long.parseLong(o.getOrDefault("seed", "42")))
          .build();
      ConsoleProgress progress = new ConsoleProgress(System.out);
      DigitData mnist = DataSources.defaults(progress::onMessage)
          .load(DatasetKind.MNIST, o.containsKey("data") ? Path.of(o.get("data")) : null);
      FineTuneJob.Outcome outcome = new FineTuneJob(config, Path.of(o.getOrDefault("output", "target/mnist-finetuned")),
          progress, mnist.train(), mnist.test()).run();
      System.out.println(outcome.summary() + "; written: " + outcome.written());
    } catch (IllegalArgumentException | MnistKitException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      boolean flag = name.equals("freeze") || name.equals("no-augment") || name.equals("force");
      options.put(name, flag ? "true" : (i + 1 < args.length ? args[++i] : ""));
    }
    return options;
  }
}
