package io.github.mnistkit.trainer.onnx;

import io.github.mnistkit.trainer.data.DataSources;
import io.github.mnistkit.trainer.data.DatasetKind;
import io.github.mnistkit.trainer.data.DigitData;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quantises an fp32 model file from the command line, e.g. the bundled model: {@code
 * QuantizeCommand default-model.onnx default-model-int8.onnx ../shared/data/mnist
 * [best|min-max|percentile|compare]}. Calibrates on MNIST training images, checks on the whole test
 * set, prints both figures.
 */
public final class QuantizeCommand {
  private QuantizeCommand() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println(
          "usage: QuantizeCommand <fp32.onnx> <int8.onnx> <mnist directory>"
              + " [best|min-max|percentile|compare]");
      System.exit(2);
    }
    Path fp32 = Path.of(args[0]);
    Path int8 = Path.of(args[1]);
    DigitData data =
        DataSources.defaults(System.out::println).load(DatasetKind.MNIST, Path.of(args[2]));
    String mode = args.length > 3 ? args[3] : "best";
    if (mode.equals("compare")) {
      for (int images : new int[] {100, 1000, 5000}) {
        Map<Calibration.Method, Int8Check> checks =
            Int8Exporter.compareMethods(fp32, data.train(), data.test(), images);
        checks.forEach((method, check) -> System.out.println(method + ": " + check));
      }
      return;
    }
    try {
      Int8Check check =
          switch (mode) {
            case "percentile" ->
                Int8Exporter.export(
                    fp32, int8, data.train(), data.test(), Calibration.Method.PERCENTILE);
            case "min-max" ->
                Int8Exporter.export(
                    fp32, int8, data.train(), data.test(), Calibration.Method.MIN_MAX);
            default -> Int8Exporter.export(fp32, int8, data.train(), data.test());
          };
      System.out.println("Wrote " + int8 + ": " + check);
    } catch (QuantizationRefusedException e) {
      System.out.println(e.getMessage());
      System.exit(1);
    }
  }
}
