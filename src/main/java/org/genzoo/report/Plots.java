package org.genzoo.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.genzoo.core.AtomicFiles;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts as PNG files, drawn with XChart: scatter plots of 2-D samples, curves and bar charts.
 *
 * <p>Each method has an overload without a size, which draws {@value #DEFAULT_WIDTH} ×
 * {@value #DEFAULT_HEIGHT} pixels. The picture is encoded in memory and then written atomically,
 * so a failed draw leaves no file behind. Non-finite points (a diverged run) are left out of
 * scatter plots and curves and the count is appended to the title or series name, so the picture
 * says that something is missing; bar values must be finite.
 */
public final class Plots {
    static {
        Headless.ensure();
    }

    /** Width in pixels when the caller does not give one. */
    public static final int DEFAULT_WIDTH = 640;

    /** Height in pixels when the caller does not give one. */
    public static final int DEFAULT_HEIGHT = 480;

    /** Series colours: the Okabe–Ito palette, told apart also by colour-blind readers. */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66),
    };

    /** Side in pixels of a scatter plot when the caller does not give one: square, so circles stay round. */
    public static final int DEFAULT_SCATTER_SIDE = 560;

    /** Sample colour of scatter plots: translucent, so dense regions read darker. */
    private static final Color SAMPLE_COLOUR = new Color(0, 114, 178, 90);

    /** Reference colour of scatter plots. */
    private static final Color REFERENCE_COLOUR = new Color(213, 30, 0);

    /** Curves with at most this many points also get a marker at each point. */
    private static final int MARKER_LIMIT = 50;

    /** Tick labels of logarithmic axes: decades written out, with a leading zero below 1. */
    private static final String LOG_PATTERN = "#,##0.######";

    /** Largest allowed side of a chart in pixels. */
    private static final int MAX_SIDE = 8192;

    private Plots() {}

    /** {@link #scatter(Path, String, float[][], float[][], float[], int, int)} on a square of {@value #DEFAULT_SCATTER_SIDE} pixels. */
    public static void scatter(
            Path png, String title, float[][] points, float[][] referencePoints, float[] axisRange) {
        scatter(png, title, points, referencePoints, axisRange, DEFAULT_SCATTER_SIDE, DEFAULT_SCATTER_SIDE);
    }

    /** Legend name of the reference points of a scatter plot. */
    public static final String REFERENCE_NAME = "true mode centres";

    /**
     * Draws 2-D samples as small translucent dots, and optional reference points (the true
     * centres of a mixture's modes) as large red crosses, named {@value #REFERENCE_NAME} in a
     * legend below the plot. Without reference points there is no legend.
     *
     * @param png the file to write
     * @param title chart title
     * @param points samples as rows {@code {x, y}}; non-finite rows are left out and counted in
     *     the title
     * @param referencePoints rows {@code {x, y}} to mark, or {@code null}
     * @param axisRange {@code {xmin, xmax, ymin, ymax}} so that pictures of different models
     *     compare (the axes then span exactly this range and points outside are not shown), or
     *     {@code null} to fit the data
     * @param widthPx picture width in pixels
     * @param heightPx picture height in pixels
     * @throws IllegalArgumentException if a row does not have two values, a reference point is
     *     not finite, the range is malformed, or the size is out of bounds
     */
    public static void scatter(
            Path png,
            String title,
            float[][] points,
            float[][] referencePoints,
            float[] axisRange,
            int widthPx,
            int heightPx) {
        Objects.requireNonNull(png, "png");
        save(png, scatterChart(title, points, referencePoints, axisRange, widthPx, heightPx));
    }

    /** The chart that {@link #scatter(Path, String, float[][], float[][], float[], int, int)} draws. */
    static XYChart scatterChart(
            String title, float[][] points, float[][] referencePoints, float[] axisRange, int widthPx, int heightPx) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(points, "points");
        checkSize(widthPx, heightPx);
        double[][] samples = columns("points", points, false);
        double[][] refs = referencePoints == null ? null : columns("referencePoints", referencePoints, true);
        if (axisRange != null) {
            checkRange(axisRange);
        }
        int dropped = points.length - samples[0].length;
        String fullTitle = dropped == 0 ? title : title + " (" + dropped + " non-finite points left out)";

        XYChart chart = new XYChartBuilder().width(widthPx).height(heightPx).title(fullTitle)
                .xAxisTitle("x").yAxisTitle("y").build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        boolean legend = refs != null && refs[0].length > 0;
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(3); // shared by all series; the crosses ignore it
        if (axisRange != null) {
            chart.getStyler().setXAxisMin((double) axisRange[0]).setXAxisMax((double) axisRange[1]);
            chart.getStyler().setYAxisMin((double) axisRange[2]).setYAxisMax((double) axisRange[3]);
            chart.getStyler().setPlotContentSize(1.0); // no margin: the axes show exactly the range
        }
        // XChart cannot draw a series without points, so an all-NaN sample becomes an empty chart
        // the reference marks go under the samples: tight clusters would otherwise hide beneath them
        if (refs != null && refs[0].length > 0) {
            XYSeries r = chart.addSeries(REFERENCE_NAME, refs[0], refs[1]);
            r.setMarker(new OutlinedCross()).setMarkerColor(REFERENCE_COLOUR);
        }
        if (samples[0].length > 0) {
            XYSeries s = chart.addSeries("samples", samples[0], samples[1]);
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(SAMPLE_COLOUR);
        }
        if (chart.getSeriesMap().isEmpty()) {
            // an invisible point keeps the axes (and the title saying why) on the picture
            double[] at = axisRange == null ? new double[] {0, 0} : new double[] {axisRange[0], axisRange[2]};
            chart.addSeries("empty", new double[] {at[0]}, new double[] {at[1]}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** {@link #lines(Path, String, String, String, LinkedHashMap, boolean, boolean, int, int)} at the default size. */
    public static void lines(
            Path png,
            String title,
            String xLabel,
            String yLabel,
            LinkedHashMap<String, double[][]> series,
            boolean logX,
            boolean logY) {
        lines(png, title, xLabel, yLabel, series, logX, logY, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Draws curves, one per entry in the order of the map: loss against step, sampling time
     * against dimension per model, NLL against training time. Curves of at most {@value
     * #MARKER_LIMIT} points also mark each point; the legend sits below the plot.
     *
     * @param png the file to write
     * @param title chart title
     * @param xLabel x-axis title, with its unit
     * @param yLabel y-axis title, with its unit
     * @param series name to {@code {xs, ys}} of equal length; points with a non-finite
     *     coordinate are left out and counted in the series name
     * @param logX logarithmic x axis (then every kept x must be positive)
     * @param logY logarithmic y axis (then every kept y must be positive)
     * @param widthPx picture width in pixels
     * @param heightPx picture height in pixels
     * @throws IllegalArgumentException if the map is empty, a series is not {@code {xs, ys}} of
     *     equal length, keeps no finite point, or has a non-positive value on a log axis
     */
    public static void lines(
            Path png,
            String title,
            String xLabel,
            String yLabel,
            LinkedHashMap<String, double[][]> series,
            boolean logX,
            boolean logY,
            int widthPx,
            int heightPx) {
        Objects.requireNonNull(png, "png");
        save(png, linesChart(title, xLabel, yLabel, series, logX, logY, false, widthPx, heightPx));
    }

    /**
     * Draws curves measured at a few x values (sampling time at n = 64, 196, 784) on logarithmic
     * axes, with a labelled vertical guide at each measured x instead of XChart's decade ticks,
     * which would leave a short range such as 64..784 with a single labelled tick (100).
     *
     * @see #lines(Path, String, String, String, LinkedHashMap, boolean, boolean, int, int)
     */
    public static void measuredLines(
            Path png, String title, String xLabel, String yLabel, LinkedHashMap<String, double[][]> series) {
        Objects.requireNonNull(png, "png");
        save(png, linesChart(title, xLabel, yLabel, series, true, true, true, DEFAULT_WIDTH, DEFAULT_HEIGHT));
    }

    /**
     * The chart of {@link #lines} and {@link #measuredLines}; with {@code labelEachX}, the x tick
     * labels give way to one labelled guide per distinct x (see {@link #labelledX}).
     */
    static XYChart linesChart(
            String title,
            String xLabel,
            String yLabel,
            LinkedHashMap<String, double[][]> series,
            boolean logX,
            boolean logY,
            boolean labelEachX,
            int widthPx,
            int heightPx) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        Objects.requireNonNull(series, "series");
        checkSize(widthPx, heightPx);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one curve");
        }
        XYChart chart = new XYChartBuilder().width(widthPx).height(heightPx).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(6);
        // a formatting function would replace XChart's logarithmic ticks by linear ones, so log
        // axes get a plain decimal pattern instead (10,000 rather than XChart's 1E4)
        if (logY) {
            chart.getStyler().setYAxisDecimalPattern(LOG_PATTERN);
        } else {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(Plots::number);
        }
        if (logX) {
            chart.getStyler().setXAxisDecimalPattern(LOG_PATTERN);
        } else if (!labelEachX) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Plots::number);
        }
        int k = 0;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "series name");
            double[][] xy = e.getValue();
            if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null || xy[0].length != xy[1].length) {
                throw new IllegalArgumentException("series '" + name + "' must be {xs, ys} of equal length");
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < xy[0].length; i++) {
                double x = xy[0][i];
                double y = xy[1][i];
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                if ((logX && x <= 0) || (logY && y <= 0)) {
                    throw new IllegalArgumentException("series '" + name + "' point " + i + " = (" + x + ", " + y
                            + ") cannot be drawn on a logarithmic " + (logX && x <= 0 ? "x" : "y") + " axis");
                }
                kept.add(i);
            }
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("series '" + name + "' has no point with finite coordinates");
            }
            double[] xs = kept.stream().mapToDouble(i -> xy[0][i]).toArray();
            double[] ys = kept.stream().mapToDouble(i -> xy[1][i]).toArray();
            for (double y : ys) {
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            int dropped = xy[0].length - kept.size();
            String label = dropped == 0 ? name : name + " (" + dropped + " non-finite left out)";
            XYSeries s = chart.addSeries(label, xs, ys);
            Color c = PALETTE[k++ % PALETTE.length];
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setMarker(xs.length <= MARKER_LIMIT ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (labelEachX) {
            labelEachX(chart, minY, maxY, logY);
        } else if (!logX) {
            avoidEquallySpacedTicks(chart);
        }
        return chart;
    }

    /**
     * The distinct x values of a chart's series, ascending, as the labels that {@link
     * #measuredLines} writes under its guides.
     */
    static List<String> labelledX(XYChart chart) {
        return distinctX(chart).stream().map(Plots::number).toList();
    }

    private static TreeSet<Double> distinctX(XYChart chart) {
        TreeSet<Double> xs = new TreeSet<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double x : s.getXData()) {
                xs.add(x);
            }
        }
        return xs;
    }

    /**
     * Hides the x tick labels and draws, at each distinct x, a light vertical guide and the value
     * in a band that the y range leaves free below the lowest point.
     */
    private static void labelEachX(XYChart chart, double minY, double maxY, boolean logY) {
        double textY;
        if (logY) {
            double span = Math.max(Math.log(maxY / minY), Math.log(10));
            double low = minY * Math.exp(-0.18 * span);
            chart.getStyler().setYAxisMin(low).setYAxisMax(maxY * Math.exp(0.05 * span));
            textY = Math.sqrt(low * minY);
        } else {
            double span = Math.max(maxY - minY, Math.abs(maxY) * 1e-3 + 1e-12);
            double low = minY - 0.18 * span;
            chart.getStyler().setYAxisMin(low).setYAxisMax(maxY + 0.05 * span);
            textY = (low + minY) / 2;
        }
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setAnnotationLineColor(new Color(170, 170, 170));
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f));
        chart.getStyler().setAnnotationTextFont(chart.getStyler().getAxisTickLabelsFont());
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        for (double x : distinctX(chart)) {
            chart.addAnnotation(new AnnotationLine(x, true, false));
            chart.addAnnotation(new AnnotationText(number(x), x, textY, false));
        }
    }

    /**
     * A number as a person writes it on a chart: three significant digits, no trailing zeros, a
     * leading zero before the point ({@code 0.08}, not {@code .08}), no exponent between 1e-4 and
     * 1e6, whole numbers from 1000 up. XChart's default pattern drops the leading zero and bar
     * labels print every digit ({@code 0.123005}); {@link BigDecimal} rounding is exact where
     * {@code String.format("%.3g")} would need trailing zeros stripped by hand anyway.
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /** {@link #bars(Path, String, String, LinkedHashMap, int, int)} at the default size. */
    public static void bars(Path png, String title, String yLabel, LinkedHashMap<String, Double> values) {
        bars(png, title, yLabel, values, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Draws one bar per entry, in the order of the map, with the value written on the bar.
     * Category names longer than 10 characters are drawn slanted.
     *
     * @param png the file to write
     * @param title chart title
     * @param yLabel y-axis title, with its unit
     * @param values category name to a finite value
     * @param widthPx picture width in pixels
     * @param heightPx picture height in pixels
     * @throws IllegalArgumentException if the map is empty or a value is null or not finite
     */
    public static void bars(
            Path png, String title, String yLabel, LinkedHashMap<String, Double> values, int widthPx, int heightPx) {
        Objects.requireNonNull(png, "png");
        save(png, barsChart(title, yLabel, values, widthPx, heightPx));
    }

    /** The chart of {@link #bars(Path, String, String, LinkedHashMap, int, int)}. */
    static CategoryChart barsChart(
            String title, String yLabel, LinkedHashMap<String, Double> values, int widthPx, int heightPx) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(yLabel, "yLabel");
        Objects.requireNonNull(values, "values");
        checkSize(widthPx, heightPx);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values must hold at least one bar");
        }
        List<String> names = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        boolean longNames = false;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "bar name");
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("bar '" + name + "' has value " + v + "; bars must be finite");
            }
            names.add(name);
            heights.add(v);
            longNames |= name.length() > 10;
        }
        CategoryChart chart = new CategoryChartBuilder().width(widthPx).height(heightPx).title(title)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        // one function formats the y ticks and the value written on each bar
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Plots::number);
        chart.getStyler().setXAxisLabelRotation(longNames ? 30 : 0);
        chart.addSeries(yLabel.isEmpty() ? "value" : yLabel, names, heights).setFillColor(PALETTE[0]);
        return chart;
    }

    /**
     * Draws a run's training curves: one line per loss part of {@code log} against the epoch
     * (fractional within an epoch), and the validation score at each epoch end when the run has
     * one.
     *
     * @param png the file to write
     * @param title chart title, e.g. the model's name
     * @param log the run's training log
     * @throws IllegalArgumentException if the log has no logged step
     */
    public static void trainingCurves(Path png, String title, TrainingLog log) {
        Objects.requireNonNull(png, "png");
        save(png, trainingCurvesChart(title, log));
    }

    /** The chart of {@link #trainingCurves}. */
    static XYChart trainingCurvesChart(String title, TrainingLog log) {
        Objects.requireNonNull(log, "log");
        if (log.epochs().length == 0) {
            throw new IllegalArgumentException("the training log has no logged step to draw");
        }
        LinkedHashMap<String, double[][]> series = new LinkedHashMap<>();
        log.parts().forEach((part, ys) -> series.put(part, new double[][] {log.epochs(), ys}));
        if (log.validEpochs().length > 0) {
            series.put(TrainingLog.VALID_SERIES, new double[][] {log.validEpochs(), log.valid()});
        }
        return linesChart(title, "epoch", "loss part (batch mean)", series,
                false, false, false, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * Draws groups of bars, one group per category and one bar per series in each group, with a
     * legend below: a model's per-dimension frequencies next to the data's, for instance.
     *
     * @param png the file to write
     * @param title chart title
     * @param xLabel x-axis title
     * @param yLabel y-axis title, with its unit
     * @param categories the group names, in order
     * @param series series name to one finite value per category
     * @throws IllegalArgumentException if there is no category or series, or a series has the
     *     wrong length or a non-finite value
     */
    public static void groupedBars(Path png, String title, String xLabel, String yLabel, List<String> categories,
            LinkedHashMap<String, double[]> series) {
        Objects.requireNonNull(png, "png");
        save(png, groupedBarsChart(title, xLabel, yLabel, categories, series));
    }

    /** The chart of {@link #groupedBars}. */
    static CategoryChart groupedBarsChart(String title, String xLabel, String yLabel, List<String> categories,
            LinkedHashMap<String, double[]> series) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(series, "series");
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("grouped bars need at least one category and one series, got "
                    + categories.size() + " and " + series.size());
        }
        int width = Math.min(MAX_SIDE, Math.max(DEFAULT_WIDTH, 60 + categories.size() * 14 * series.size()));
        CategoryChart chart = new CategoryChartBuilder().width(width).height(DEFAULT_HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(Plots::number);
        chart.getStyler().setAvailableSpaceFill(0.8);
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            if (v == null || v.length != categories.size()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' must have one value per category ("
                        + categories.size() + "), got " + (v == null ? "null" : v.length));
            }
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("series '" + e.getKey() + "' value " + i + " is " + v[i]);
                }
                values.add(v[i]);
            }
            chart.addSeries(e.getKey(), categories, values).setFillColor(PALETTE[k++ % PALETTE.length]);
        }
        return chart;
    }

    /**
     * XChart 3.8 puts x ticks at data values when the union of all x values is equally spaced,
     * which for a loss curve over 2000 steps gives ticks at 0, 154, 308, ... that overlap. For
     * long curves, one invisible point half a step in breaks the equal spacing, and XChart falls
     * back to its round-number ticks. Short curves (epochs 1..10) keep ticks at their points.
     *
     * @return whether the invisible point was added
     */
    static boolean avoidEquallySpacedTicks(XYChart chart) {
        TreeSet<Double> xs = new TreeSet<>();
        double y = Double.NaN;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double x : s.getXData()) {
                xs.add(x);
            }
            y = s.getYData()[0];
        }
        if (xs.size() <= MARKER_LIMIT) {
            return false;
        }
        double first = xs.first();
        double step = xs.higher(first) - first;
        double previous = first;
        for (double x : xs.tailSet(first, false)) {
            if (Math.abs((x - previous) - step) > 1e-9 * Math.abs(step)) {
                return false; // not equally spaced: XChart already uses round numbers
            }
            previous = x;
        }
        XYSeries hidden = chart.addSeries(" ", new double[] {first + step / 2}, new double[] {y});
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setShowInLegend(false);
        return true;
    }

    /** Side in pixels of a heat map when the caller does not give one (wider than tall: the colour scale sits right). */
    public static final int DEFAULT_HEAT_WIDTH = 680;

    /** Ticks labelled along each axis of a heat map; the other cells' labels are left blank. */
    private static final int HEAT_TICKS = 5;

    /** {@link #heatMap(Path, String, double[][], float[], int, int)} at {@value #DEFAULT_HEAT_WIDTH} × {@value #DEFAULT_SCATTER_SIDE} pixels. */
    public static void heatMap(Path png, String title, double[][] values, float[] box) {
        heatMap(png, title, values, box, DEFAULT_HEAT_WIDTH, DEFAULT_SCATTER_SIDE);
    }

    /**
     * Draws a square grid of values over a box of the plane as a heat map, with a colour scale
     * (white for the smallest value, or 0 when no value is negative, dark blue for the largest).
     * Non-finite values are drawn as the smallest one.
     *
     * @param png the file to write
     * @param title chart title (say there what the colours are)
     * @param values {@code side × side}, row {@code i} at the {@code i}-th height from the bottom
     * @param box {@code {xmin, xmax, ymin, ymax}} that the grid covers; the axes are labelled with
     *     cell centres
     * @throws IllegalArgumentException if the grid is not square, has no finite value, or the
     *     box or size is malformed
     */
    public static void heatMap(Path png, String title, double[][] values, float[] box, int widthPx, int heightPx) {
        Objects.requireNonNull(png, "png");
        save(png, heatMapChart(title, values, box, widthPx, heightPx));
    }

    /** The chart that {@link #heatMap(Path, String, double[][], float[], int, int)} draws. */
    static HeatMapChart heatMapChart(String title, double[][] values, float[] box, int widthPx, int heightPx) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(values, "values");
        checkSize(widthPx, heightPx);
        checkRange(box);
        int side = values.length;
        if (side < 2) {
            throw new IllegalArgumentException("a heat map needs at least 2×2 values, got " + side + " rows");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            if (row.length != side) {
                throw new IllegalArgumentException("values must be square, got a row of " + row.length + " in " + side);
            }
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("a heat map needs at least one finite value");
        }
        if (min >= 0) {
            min = 0; // a scale of non-negative values (a density) starts at 0
        }
        if (min == max) {
            max = min + 1; // a flat grid still needs a scale
        }
        // XChart's heat map has category axes: one label per cell, so most are left blank (a
        // zero-width space: XChart cannot lay out an empty label)
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        int every = Math.max(1, (side - 1) / (HEAT_TICKS - 1));
        for (int i = 0; i < side; i++) {
            boolean tick = i % every == 0;
            xs.add(tick ? String.format(Locale.ROOT, "%.3g", box[0] + (i + 0.5) * (box[1] - box[0]) / side) : "\u200b");
            ys.add(tick ? String.format(Locale.ROOT, "%.3g", box[2] + (i + 0.5) * (box[3] - box[2]) / side) : "\u200b");
        }
        List<Number[]> cells = new ArrayList<>(side * side);
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double v = values[i][j];
                cells.add(new Number[] {j, i, Double.isFinite(v) ? v : min});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(widthPx).height(heightPx).title(title)
                .xAxisTitle("x").yAxisTitle("y").build();
        HeatMapStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.GRAY);
        st.setLegendBorderColor(Color.WHITE);
        st.setAntiAlias(false); // neighbouring cells would otherwise show hairline seams
        st.setDrawBorder(false);
        st.setShowValue(false);
        st.setPlotGridLinesVisible(false);
        st.setAxisTicksMarksVisible(false);
        st.setRangeColors(new Color[] {Color.WHITE, new Color(86, 180, 233), new Color(0, 114, 178), new Color(0, 40, 90)});
        // the colour scale's labels print min and max in full (XChart reads its formatter before a
        // styler can be set), so they are rounded outward to 3 significant digits
        st.setMin(round3(min, RoundingMode.FLOOR)).setMax(round3(max, RoundingMode.CEILING));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.addSeries("values", xs, ys, cells);
        return chart;
    }

    /** {@code v} to 3 significant digits, rounded in the given direction (0 stays 0). */
    private static double round3(double v, RoundingMode mode) {
        return v == 0 ? 0 : new BigDecimal(v).round(new MathContext(3, mode)).doubleValue();
    }

    /** Shared look: white background, light grid, palette. */
    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
    }

    /** Encodes in memory, then writes atomically. */
    static void save(Path png, Chart<?, ?> chart) {
        byte[] bytes;
        try {
            bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart for " + png + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(png, bytes);
    }

    /**
     * Rows {@code {x, y}} to columns {@code {xs, ys}}, leaving out non-finite rows unless
     * {@code strict}, in which case they are an error.
     */
    private static double[][] columns(String name, float[][] rows, boolean strict) {
        double[] xs = new double[rows.length];
        double[] ys = new double[rows.length];
        int k = 0;
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (row == null || row.length != 2) {
                throw new IllegalArgumentException(name + "[" + i + "] must be {x, y}, got "
                        + (row == null ? "null" : row.length + " values"));
            }
            if (!Float.isFinite(row[0]) || !Float.isFinite(row[1])) {
                if (strict) {
                    throw new IllegalArgumentException(name + "[" + i + "] = (" + row[0] + ", " + row[1] + ") is not finite");
                }
                continue;
            }
            xs[k] = row[0];
            ys[k] = row[1];
            k++;
        }
        return new double[][] {java.util.Arrays.copyOf(xs, k), java.util.Arrays.copyOf(ys, k)};
    }

    private static void checkRange(float[] r) {
        if (r.length != 4) {
            throw new IllegalArgumentException("axisRange must be {xmin, xmax, ymin, ymax}, got " + r.length + " values");
        }
        for (float v : r) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("axisRange must be finite, got " + java.util.Arrays.toString(r));
            }
        }
        if (!(r[0] < r[1]) || !(r[2] < r[3])) {
            throw new IllegalArgumentException("axisRange needs xmin < xmax and ymin < ymax, got "
                    + java.util.Arrays.toString(r));
        }
    }

    private static void checkSize(int widthPx, int heightPx) {
        if (widthPx < 100 || widthPx > MAX_SIDE || heightPx < 100 || heightPx > MAX_SIDE) {
            throw new IllegalArgumentException("chart size must be within 100.." + MAX_SIDE + " pixels per side, got "
                    + widthPx + "×" + heightPx);
        }
    }

    /** A large cross with a white outline, visible on top of a dense cloud of samples. */
    private static final class OutlinedCross extends Marker {
        private static final double HALF = 7;
        private static final BasicStroke OUTLINE = new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        private static final BasicStroke LINE = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            // ignores markerSize, which XChart shares between all series of a chart
            Color colour = g.getColor();
            Line2D a = new Line2D.Double(x - HALF, y - HALF, x + HALF, y + HALF);
            Line2D b = new Line2D.Double(x - HALF, y + HALF, x + HALF, y - HALF);
            g.setStroke(OUTLINE);
            g.setColor(Color.WHITE);
            g.draw(a);
            g.draw(b);
            g.setStroke(LINE);
            g.setColor(colour);
            g.draw(a);
            g.draw(b);
        }
    }
}
