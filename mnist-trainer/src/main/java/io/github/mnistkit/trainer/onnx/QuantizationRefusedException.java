package io.github.mnistkit.trainer.onnx;

/** The int8 model is not faithful enough to the fp32 one; it was not written. */
public class QuantizationRefusedException extends ExportVerificationException {
  private final transient Int8Check check;

  public QuantizationRefusedException(String message, Int8Check check) {
    super(message);
    this.check = check;
  }

  /** The figures that failed the bar. */
  public Int8Check check() {
    return check;
  }
}
