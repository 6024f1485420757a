package io.github.mnistkit.trainer.report;

import io.github.mnistkit.trainer.eval.Evaluation;
import io.github.mnistkit.trainer.io.AtomicFiles;
import io.github.mnistkit.trainer.train.EpochStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn with JFreeChart. */
final class Charts {
  static final Color TRAIN = new Color(0x1f77b4);
  static final Color VALIDATION = new Color(0xff7f0e);
  private static final Font CELL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private Charts() {}

  /**
   * Train and validation values per epoch; validation is left out where it is NaN (no validation
   * set).
   */
  static JFreeChart perEpoch(
      String title,
      String valueLabel,
      List<EpochStats> history,
      ToDoubleFunction<EpochStats> train,
      ToDoubleFunction<EpochStats> validation) {
    XYSeriesCollection series = new XYSeriesCollection();
    series.addSeries(series("train", history, train));
    XYSeries validationSeries = series("validation", history, validation);
    if (validationSeries.getItemCount() > 0) {
      series.addSeries(validationSeries);
    }
    JFreeChart chart =
        org.jfree.chart.ChartFactory.createXYLineChart(
            title, "epoch", valueLabel, series, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, TRAIN);
    renderer.setSeriesPaint(1, VALIDATION);
    renderer.setDefaultStroke(new BasicStroke(2f));
    renderer.setAutoPopulateSeriesStroke(false);
    plot.setRenderer(renderer);
    style(plot);
    return chart;
  }

  private static XYSeries series(
      String name, List<EpochStats> history, ToDoubleFunction<EpochStats> value) {
    XYSeries series = new XYSeries(name);
    for (EpochStats epoch : history) {
      double y = value.applyAsDouble(epoch);
      if (Double.isFinite(y)) {
        series.add(epoch.epoch(), y);
      }
    }
    return series;
  }

  /**
   * Rows true digit (0 at the top), columns predicted, with the count in each cell; a "none" column
   * only where some images got no digit. Colour grows with the logarithm of the count, so that a
   * handful of errors stands out beside a diagonal of hundreds.
   */
  static JFreeChart confusion(Evaluation evaluation) {
    int[][] counts = evaluation.confusion();
    int columns = hasNoDigitAnswers(counts) ? 11 : 10;
    int max = 1;
    double[][] xyz = new double[3][10 * columns];
    for (int t = 0; t < 10; t++) {
      for (int p = 0; p < columns; p++) {
        int k = t * columns + p;
        xyz[0][k] = p;
        xyz[1][k] = t;
        xyz[2][k] = counts[t][p];
        max = Math.max(max, counts[t][p]);
      }
    }
    DefaultXYZDataset dataset = new DefaultXYZDataset();
    dataset.addSeries("images", xyz);
    LogBlues scale = new LogBlues(max);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    SymbolAxis predicted = new SymbolAxis("predicted digit", labels(columns));
    SymbolAxis truth = new SymbolAxis("true digit", labels(10));
    truth.setInverted(true);
    for (SymbolAxis axis : new SymbolAxis[] {predicted, truth}) {
      axis.setGridBandsVisible(false);
      axis.setTickLabelFont(CELL_FONT);
    }
    XYPlot plot = new XYPlot(dataset, predicted, truth, renderer);
    for (int k = 0; k < xyz[0].length; k++) {
      int count = (int) xyz[2][k];
      XYTextAnnotation label = new XYTextAnnotation(Integer.toString(count), xyz[0][k], xyz[1][k]);
      label.setFont(CELL_FONT);
      label.setPaint(
          count == 0 ? new Color(0xbbbbbb) : scale.isDark(count) ? Color.WHITE : Color.BLACK);
      plot.addAnnotation(label);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    JFreeChart chart =
        new JFreeChart("Confusion matrix", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static boolean hasNoDigitAnswers(int[][] counts) {
    for (int[] row : counts) {
      if (row[Evaluation.NO_DIGIT] > 0) {
        return true;
      }
    }
    return false;
  }

  private static String[] labels(int count) {
    String[] labels = new String[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i == Evaluation.NO_DIGIT ? "none" : Integer.toString(i);
    }
    return labels;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.getChart().setBackgroundPaint(Color.WHITE);
  }

  static void writePng(Path file, JFreeChart chart, int width, int height) {
    AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }

  /** White for 0, then light to dark blue on a log scale up to {@code max}. */
  private record LogBlues(int max) implements PaintScale {
    private static final Color LIGHT = new Color(0xeef4fb);
    private static final Color DARK = new Color(0x08306b);

    boolean isDark(double count) {
      return level(count) > 0.55;
    }

    private double level(double count) {
      return Math.log1p(count) / Math.log1p(max);
    }

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return max;
    }

    @Override
    public Paint getPaint(double count) {
      if (count <= 0) {
        return Color.WHITE;
      }
      double t = Math.min(1, level(count));
      return new Color(
          mix(LIGHT.getRed(), DARK.getRed(), t),
          mix(LIGHT.getGreen(), DARK.getGreen(), t),
          mix(LIGHT.getBlue(), DARK.getBlue(), t));
    }

    private static int mix(int from, int to, double t) {
      return (int) Math.round(from + (to - from) * t);
    }
  }
}
