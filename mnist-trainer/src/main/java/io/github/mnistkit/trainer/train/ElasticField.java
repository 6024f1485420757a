package io.github.mnistkit.trainer.train;

import java.util.Random;

/**
 * A smooth random displacement field over the 28×28 source: independent uniform displacements on a
 * 5×5 grid of nodes 7 px apart, bilinearly interpolated. It stands in for Simard et al.'s uniform
 * noise blurred with a Gaussian (σ≈4, α≈34 gives a displacement spread of about 1.4 px, correlated
 * over roughly the same distance), at a fraction of the cost.
 */
final class ElasticField {
  static final double MAX_DISPLACEMENT = 2.0;
  private static final int NODES = 5;
  private static final double SPACING = (Augmenter.SIZE) / (double) (NODES - 1);

  private final double[] dx;
  private final double[] dy;

  private ElasticField(double[] dx, double[] dy) {
    this.dx = dx;
    this.dy = dy;
  }

  static ElasticField random(Random random) {
    double[] dx = new double[NODES * NODES];
    double[] dy = new double[NODES * NODES];
    for (int i = 0; i < dx.length; i++) {
      dx[i] = (random.nextDouble() * 2 - 1) * MAX_DISPLACEMENT;
      dy[i] = (random.nextDouble() * 2 - 1) * MAX_DISPLACEMENT;
    }
    return new ElasticField(dx, dy);
  }

  /** Writes the displacement at source point (x, y) into {@code out[0..1]}. */
  void displacement(double x, double y, double[] out) {
    double gx = clamp(x / SPACING);
    double gy = clamp(y / SPACING);
    int x0 = Math.min(NODES - 2, (int) gx);
    int y0 = Math.min(NODES - 2, (int) gy);
    double fx = gx - x0;
    double fy = gy - y0;
    int i = y0 * NODES + x0;
    out[0] = blend(dx, i, fx, fy);
    out[1] = blend(dy, i, fx, fy);
  }

  private static double clamp(double g) {
    return Math.max(0, Math.min(NODES - 1, g));
  }

  private static double blend(double[] grid, int i, double fx, double fy) {
    double top = grid[i] + (grid[i + 1] - grid[i]) * fx;
    double bottom = grid[i + NODES] + (grid[i + NODES + 1] - grid[i + NODES]) * fx;
    return top + (bottom - top) * fy;
  }
}
