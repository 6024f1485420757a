package io.github.mnistkit.sdk.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Where each digit of a generated row goes, and how it is distorted. */
final class RowLayout {
  /** One digit: 784 MNIST bytes + label byte, placed with its ink box's top-left at (left, top). */
  record Placed(
      byte[] digit, double left, double top, double height, double squeeze, double slant) {
    int label() {
      return digit[784];
    }

    double width() {
      return InkCanvas.renderedWidth(digit, height, squeeze, slant);
    }
  }

  final List<Placed> digits;
  final int width;
  final int height;

  /** The nominal digit height in pixels. */
  final int digitHeight;

  private RowLayout(List<Placed> digits, int width, int height, int digitHeight) {
    this.digits = digits;
    this.width = width;
    this.height = height;
    this.digitHeight = digitHeight;
  }

  static RowLayout separated(Random random, List<byte[]> picked, int digitHeight) {
    return layout(random, picked, digitHeight, false);
  }

  static RowLayout touching(Random random, List<byte[]> picked, int digitHeight) {
    return layout(random, picked, digitHeight, true);
  }

  private static RowLayout layout(Random random, List<byte[]> picked, int h, boolean touching) {
    double margin = h * uniform(random, 0.25, 0.6);
    double x = margin;
    List<Placed> placed = new ArrayList<>();
    Placed previous = null;
    for (byte[] digit : picked) {
      double height = h * uniform(random, 0.85, 1.1);
      double squeeze = touching ? uniform(random, 0.5, 1.3) : uniform(random, 0.85, 1.15);
      double slant = touching ? uniform(random, -0.3, 0.3) : uniform(random, -0.15, 0.15);
      double width = InkCanvas.renderedWidth(digit, height, squeeze, slant);
      if (previous != null) {
        if (touching) {
          x -= uniform(random, 0, 0.3) * Math.min(width, previous.width());
        } else {
          x += h * uniform(random, 0.18, 0.5);
        }
      }
      double top = margin + (h * 1.1 - height) + h * uniform(random, -0.06, 0.06);
      previous = new Placed(digit, x, top, height, squeeze, slant);
      placed.add(previous);
      x += width;
    }
    int width = (int) Math.ceil(x + margin);
    int height = (int) Math.ceil(h * 1.1 + h * 0.06 + 2 * margin);
    return new RowLayout(List.copyOf(placed), width, height, h);
  }

  String text() {
    StringBuilder text = new StringBuilder();
    for (Placed p : digits) {
      text.append(p.label());
    }
    return text.toString();
  }

  InkCanvas draw() {
    InkCanvas canvas = new InkCanvas(width, height);
    drawOnto(canvas, 0, 0);
    return canvas;
  }

  void drawOnto(InkCanvas canvas, double dx, double dy) {
    for (Placed p : digits) {
      canvas.stamp(p.digit(), p.left() + dx, p.top() + dy, p.height(), p.squeeze(), p.slant());
    }
  }

  static double uniform(Random random, double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }
}
