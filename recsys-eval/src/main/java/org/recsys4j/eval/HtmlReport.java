package org.recsys4j.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.recsys4j.core.Check;
import org.recsys4j.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-contained HTML evaluation report: a metrics table, ROC and precision-recall curves, a
 * reliability (calibration) curve and, optionally, training curves (loss and validation AUC per
 * epoch). Plots are rendered with JFreeChart in headless mode and embedded as base64 PNG, so the
 * file has no external resources.
 *
 * <p>Machine-checkable figures. Every metric is a table cell {@code <td class="metric"
 * data-name="NAME">VALUE</td>}, e.g. {@code <td class="metric" data-name="auc">0.741200</td>}, with
 * {@code VALUE} formatted {@code %.6f} in {@link Locale#ROOT} (counts as integers). Computed
 * metrics: {@code rows}, {@code positives} (integers), {@code auc} ({@link Auc#exact}), {@code
 * pr_auc} ({@link AveragePrecision}), {@code logloss} ({@link LogLoss}), {@code copc} and {@code
 * ece} ({@link Calibration}), and {@code gauc} ({@link GroupAuc}, impression-weighted) when group
 * ids are given; then the caller's metrics in insertion order. Each training epoch {@code e}
 * (1-based) gives {@code <td class="training" data-epoch="e" data-name="train_loss">} and {@code
 * data-name="validation_auc"} cells, and one {@code data-name="NAME"} cell per series added with
 * {@link Builder#trainingSeries} (plain per-epoch numbers: the report knows no model or trainer).
 *
 * <p>All metrics are computed and the inputs dropped in {@link Builder#build()}; the report keeps
 * only the numbers and curves thinned to at most {@value #MAX_CURVE_POINTS} points.
 *
 * <p>{@link #write} is atomic: the HTML is rendered in memory and written with {@link AtomicFiles}
 * (a temporary file in the target's directory, forced to disk and moved over the target), so
 * readers see either the old file or the complete new one, never a partial file; on failure the
 * temporary file is deleted.
 */
public final class HtmlReport {
  private static final Logger LOG = LoggerFactory.getLogger(HtmlReport.class);

  /** Curves are thinned to at most this many points before plotting. */
  public static final int MAX_CURVE_POINTS = 1000;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final int WIDTH = 560;
  private static final int HEIGHT = 420;

  private final String title;
  private final Map<String, String> metrics;
  private final Curve roc;
  private final Curve precisionRecall;
  private final ReliabilityCurve reliability;
  private final Map<String, Series> training;

  /** One per-epoch series of the training section. */
  private record Series(String title, String axis, String header, double[] values) {}

  private HtmlReport(
      String title,
      Map<String, String> metrics,
      Curve roc,
      Curve precisionRecall,
      ReliabilityCurve reliability,
      Map<String, Series> training) {
    this.title = title;
    this.metrics = metrics;
    this.roc = roc;
    this.precisionRecall = precisionRecall;
    this.reliability = reliability;
    this.training = training;
  }

  /** A new builder; {@link Builder#predictions} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The report title. */
  public String title() {
    return title;
  }

  /** The metric table as name to formatted value, in table order. */
  public Map<String, String> metrics() {
    return metrics;
  }

  /** The reliability curve shown in the report. */
  public ReliabilityCurve reliability() {
    return reliability;
  }

  /**
   * Renders the whole report as one HTML document. Sets {@code java.awt.headless=true} if that
   * property is unset.
   *
   * @throws UncheckedIOException if a plot cannot be encoded
   */
  public String toHtml() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin-bottom:1.5em}")
        .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
        .append("th{background:#f3f3f3}td.name{text-align:left}")
        .append("figure{display:inline-block;margin:0 1em 1em 0}")
        .append("\n</style>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append(
            "</h1>\n"
                + "<h2>Metrics</h2>\n"
                + "<table id=\"metrics\">\n"
                + "<tr><th>metric</th><th>value</th></tr>\n");
    for (Map.Entry<String, String> e : metrics.entrySet()) {
      h.append("<tr><td class=\"name\">")
          .append(e.getKey())
          .append("</td><td class=\"metric\" data-name=\"")
          .append(e.getKey())
          .append("\">")
          .append(e.getValue())
          .append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Curves</h2>\n");
    figure(h, "roc", "ROC curve", rocChart());
    figure(h, "pr", "Precision-recall curve", prChart());
    figure(h, "calibration", "Reliability curve", calibrationChart());
    h.append("\n<table id=\"calibration\">\n<tr><th>bin</th><th>rows</th><th>mean predicted</th>")
        .append("<th>observed rate</th><th>copc</th></tr>\n");
    for (CalibrationBin b : reliability.bins()) {
      h.append("<tr class=\"bin\" data-bin=\"")
          .append(b.index())
          .append("\"><td>")
          .append(b.index())
          .append("</td><td data-name=\"rows\">")
          .append(b.count())
          .append("</td><td data-name=\"mean_predicted\">")
          .append(format(b.meanPredicted()))
          .append("</td><td data-name=\"observed_rate\">")
          .append(format(b.observedRate()))
          .append("</td><td data-name=\"copc\">")
          .append(format(b.copc()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (!training.isEmpty()) {
      h.append("<h2>Training</h2>\n");
      for (Map.Entry<String, Series> e : training.entrySet()) {
        Series sr = e.getValue();
        figure(h, e.getKey(), sr.title(), epochChart(sr.title(), sr.axis(), sr.values()));
      }
      h.append("\n<table id=\"training\">\n<tr><th>epoch</th>");
      for (Series sr : training.values()) {
        h.append("<th>").append(escape(sr.header())).append("</th>");
      }
      h.append("</tr>\n");
      int epochs = training.values().iterator().next().values().length;
      for (int e = 0; e < epochs; e++) {
        int epoch = e + 1;
        h.append("<tr><td>").append(epoch).append("</td>");
        for (Map.Entry<String, Series> sr : training.entrySet()) {
          h.append("<td class=\"training\" data-epoch=\"")
              .append(epoch)
              .append("\" data-name=\"")
              .append(sr.getKey())
              .append("\">")
              .append(format(sr.getValue().values()[e]))
              .append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /**
   * Renders the report and atomically replaces {@code target} with it (class Javadoc); missing
   * parent directories are created.
   *
   * @throws IOException if the temporary file cannot be written or moved; the target is then
   *     unchanged and no temporary file is left
   * @throws IllegalArgumentException if {@code target} is null or has no file name
   */
  public void write(Path target) throws IOException {
    Check.notNull("target", target);
    Path absolute = target.toAbsolutePath();
    Check.arg(absolute.getFileName() != null, "target", target, "must name a file");
    byte[] bytes = toHtml().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(absolute, bytes);
    LOG.info("wrote evaluation report {} ({} bytes)", absolute, bytes.length);
  }

  private JFreeChart rocChart() {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("ROC", roc));
    data.addSeries(diagonal("chance"));
    return lineChart("ROC curve", "false positive rate", "true positive rate", data, false);
  }

  private JFreeChart prChart() {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("precision-recall", precisionRecall));
    return lineChart("Precision-recall curve", "recall", "precision", data, false);
  }

  private JFreeChart calibrationChart() {
    XYSeries s = new XYSeries("observed rate", false, true);
    for (CalibrationBin b : reliability.bins()) {
      s.add(b.meanPredicted(), b.observedRate());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(s);
    data.addSeries(diagonal("perfect calibration"));
    return lineChart("Reliability curve", "mean predicted", "observed rate", data, true);
  }

  private static JFreeChart epochChart(String title, String yLabel, double[] values) {
    XYSeries s = new XYSeries(yLabel, false, true);
    for (int e = 0; e < values.length; e++) {
      s.add(e + 1, values[e]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(s);
    JFreeChart chart = lineChart(title, "epoch", yLabel, data, true);
    ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getDomainAxis())
        .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis())
        .setAutoRangeIncludesZero(false);
    return chart;
  }

  private static JFreeChart lineChart(
      String title, String x, String y, XYSeriesCollection data, boolean shapes) {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesShapesVisible(0, shapes);
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesPaint(0, new Color(0x1f77b4));
    if (data.getSeriesCount() > 1) {
      renderer.setSeriesStroke(
          1,
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
      renderer.setSeriesPaint(1, Color.GRAY);
    }
    plot.setRenderer(renderer);
    return chart;
  }

  private static XYSeries series(String name, Curve curve) {
    XYSeries s = new XYSeries(name, false, true);
    for (int i = 0; i < curve.size(); i++) {
      s.add(curve.x(i), curve.y(i));
    }
    return s;
  }

  private static XYSeries diagonal(String name) {
    XYSeries s = new XYSeries(name, false, true);
    s.add(0.0, 0.0);
    s.add(1.0, 1.0);
    return s;
  }

  private static void figure(StringBuilder h, String id, String caption, JFreeChart chart) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode plot " + id, e);
    }
    h.append("<figure id=\"")
        .append(id)
        .append("\"><img alt=\"")
        .append(escape(caption))
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png.toByteArray()))
        .append("\"><figcaption>")
        .append(escape(caption))
        .append("</figcaption></figure>");
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Fluent builder of {@link HtmlReport}. {@link #build()} validates and computes every metric. */
  public static final class Builder {
    private String title = "Evaluation report";
    private double[] scores;
    private int[] labels;
    private long[] groupIds;
    private final List<String> names = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private double[] trainLoss;
    private double[] validationAuc;
    private final List<String> seriesNames = new ArrayList<>();
    private final List<String> seriesTitles = new ArrayList<>();
    private final List<double[]> seriesValues = new ArrayList<>();
    private int calibrationBins = 10;
    private Calibration.Binning binning = Calibration.Binning.EQUAL_COUNT;

    private Builder() {}

    /** The report title (HTML-escaped); default {@code "Evaluation report"}. */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Required: predicted probabilities in {@code [0, 1]} and 0/1 labels of the evaluation rows.
     * The arrays are read in {@link #build()} and not retained.
     */
    public Builder predictions(double[] p, int[] labels) {
      this.scores = p;
      this.labels = labels;
      return this;
    }

    /** Optional: the user of each row, adding an impression-weighted {@code gauc} metric. */
    public Builder groups(long[] groupIds) {
      this.groupIds = groupIds;
      return this;
    }

    /**
     * Adds a caller metric to the table after the computed ones.
     *
     * @param name matches {@code [a-z][a-z0-9_]*} and is unique in the table
     * @param value finite
     */
    public Builder metric(String name, double value) {
      names.add(name);
      values.add(value);
      return this;
    }

    /**
     * Optional: training loss and validation AUC per epoch (index 0 is epoch 1); both arrays have
     * the same length {@code >= 1} and finite values.
     */
    public Builder trainingCurves(double[] trainLoss, double[] validationAuc) {
      this.trainLoss = trainLoss;
      this.validationAuc = validationAuc;
      return this;
    }

    /**
     * Optional: a per-epoch series of the training section (index 0 is epoch 1), plotted as its own
     * chart and given a column of the training table, after {@link #trainingCurves}'s two, e.g.
     * {@code trainingSeries("validation_logloss", "Validation logloss", logloss)}. Every series has
     * the same length {@code >= 1} and finite values.
     *
     * @param name matches {@code [a-z][a-z0-9_]*}, unique among the series
     * @param title the chart's title and the column's header (HTML-escaped)
     */
    public Builder trainingSeries(String name, String title, double[] perEpoch) {
      seriesNames.add(name);
      seriesTitles.add(title);
      seriesValues.add(perEpoch);
      return this;
    }

    /** Number of reliability-curve bins, in {@code [1, 1000]}; default 10. */
    public Builder calibrationBins(int bins) {
      this.calibrationBins = bins;
      return this;
    }

    /** Reliability-curve binning; default {@link Calibration.Binning#EQUAL_COUNT}. */
    public Builder calibrationBinning(Calibration.Binning binning) {
      this.binning = binning;
      return this;
    }

    /**
     * Validates the inputs, computes the metrics and curves, and returns the report.
     *
     * @throws IllegalArgumentException if predictions are missing or invalid (NaN, outside {@code
     *     [0, 1]}, one class; the message names the index and value), a metric name is malformed or
     *     duplicated, a metric value is not finite, or the training curves are malformed
     */
    public HtmlReport build() {
      Check.notNull("title", title);
      Check.arg(scores != null, "predictions", null, "must be set");
      int positives = Inputs.checkScoresAndLabels("p", scores, labels);
      Inputs.checkProbabilities("p", scores);
      Inputs.checkBothClasses("an evaluation report", positives, scores.length);
      Check.inRange("calibrationBins", calibrationBins, 1, 1000);
      Check.notNull("calibrationBinning", binning);
      Map<String, String> table = new LinkedHashMap<>();
      table.put("rows", Integer.toString(scores.length));
      table.put("positives", Integer.toString(positives));
      table.put("auc", format(Auc.exact(scores, labels)));
      table.put("pr_auc", format(AveragePrecision.compute(scores, labels)));
      table.put("logloss", format(LogLoss.compute(scores, labels)));
      ReliabilityCurve reliability =
          Calibration.reliability(scores, labels, calibrationBins, binning);
      table.put("copc", format(reliability.copc()));
      table.put("ece", format(reliability.expectedCalibrationError()));
      if (groupIds != null) {
        table.put(
            "gauc",
            format(
                GroupAuc.compute(scores, labels, groupIds, GroupAuc.Weighting.IMPRESSIONS)
                    .value()));
      }
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        Check.notNull("metric name", name);
        Check.arg(NAME.matcher(name).matches(), "metric name", name, "must match " + NAME);
        Check.arg(!table.containsKey(name), "metric name", name, "must be unique in the table");
        double v = values.get(i);
        Check.finite("metric " + name, v);
        table.put(name, format(v));
      }
      double[] loss = null;
      double[] auc = null;
      if (trainLoss != null || validationAuc != null) {
        Check.notNull("trainLoss", trainLoss);
        Check.notNull("validationAuc", validationAuc);
        Check.arg(trainLoss.length > 0, "trainLoss.length", trainLoss.length, "must be > 0");
        Check.arg(
            validationAuc.length == trainLoss.length,
            "validationAuc.length",
            validationAuc.length,
            "must equal trainLoss.length=" + trainLoss.length);
        Inputs.checkFinite("trainLoss", trainLoss);
        Inputs.checkFinite("validationAuc", validationAuc);
        loss = trainLoss.clone();
        auc = validationAuc.clone();
      }
      Map<String, Series> training = new LinkedHashMap<>();
      if (loss != null) {
        training.put("train_loss", new Series("Training loss", "loss", "train loss", loss));
        training.put("validation_auc", new Series("Validation AUC", "AUC", "validation AUC", auc));
      }
      for (int i = 0; i < seriesNames.size(); i++) {
        String name = seriesNames.get(i);
        Check.notNull("series name", name);
        Check.arg(NAME.matcher(name).matches(), "series name", name, "must match " + NAME);
        Check.arg(!training.containsKey(name), "series name", name, "must be unique");
        String t = Check.notNull("series " + name + " title", seriesTitles.get(i));
        double[] v = Check.notNull("series " + name, seriesValues.get(i));
        Check.arg(v.length > 0, "series " + name + ".length", v.length, "must be > 0");
        if (!training.isEmpty()) {
          int len = training.values().iterator().next().values().length;
          Check.arg(
              v.length == len,
              "series " + name + ".length",
              v.length,
              "must equal the other training series' length " + len);
        }
        Inputs.checkFinite("series " + name, v);
        training.put(name, new Series(t, name, t, v.clone()));
      }
      return new HtmlReport(
          title,
          java.util.Collections.unmodifiableMap(table),
          Curves.roc(scores, labels).thinned(MAX_CURVE_POINTS),
          Curves.precisionRecall(scores, labels).thinned(MAX_CURVE_POINTS),
          reliability,
          java.util.Collections.unmodifiableMap(training));
    }
  }
}
