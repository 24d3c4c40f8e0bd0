package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.genzoo.core.CsvLog;
import org.genzoo.core.LossParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

class PlotsTest {
    @TempDir Path dir;

    /** A ring of 8 Gaussian modes, the usual 2-D mode-collapse test. */
    static float[][] ring(int n, long seed, float[][] centres) {
        Random rnd = new Random(seed);
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centres[i % centres.length];
            p[i] = new float[] {c[0] + 0.05f * (float) rnd.nextGaussian(), c[1] + 0.05f * (float) rnd.nextGaussian()};
        }
        return p;
    }

    static float[][] centres() {
        float[][] c = new float[8][];
        for (int k = 0; k < 8; k++) {
            c[k] = new float[] {(float) Math.cos(2 * Math.PI * k / 8), (float) Math.sin(2 * Math.PI * k / 8)};
        }
        return c;
    }

    private static BufferedImage read(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("readable PNG at " + png).isNotNull();
        return img;
    }

    @Test
    void scatterWritesPngOfRequestedSize() throws Exception {
        Path png = dir.resolve("scatter.png");
        float[][] points = ring(2000, 1, centres());
        points[0] = new float[] {Float.NaN, 0f};
        Plots.scatter(png, "GAN samples, ring of 8", points, centres(), new float[] {-1.5f, 1.5f, -1.5f, 1.5f}, 500, 420);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(500);
        assertThat(img.getHeight()).isEqualTo(420);
        // the picture is not blank: the reference crosses are red
        boolean red = false;
        for (int y = 0; y < img.getHeight() && !red; y++) {
            for (int x = 0; x < img.getWidth() && !red; x++) {
                int rgb = img.getRGB(x, y);
                red = ((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80;
            }
        }
        assertThat(red).as("a reference cross is drawn").isTrue();
    }

    @Test
    void scatterOfOnlyNanStillDraws() throws Exception {
        Path png = dir.resolve("empty.png");
        Plots.scatter(png, "diverged", new float[][] {{Float.NaN, 1f}}, null, null);
        assertThat(read(png).getWidth()).isEqualTo(Plots.DEFAULT_SCATTER_SIDE);
        assertThat(read(png).getHeight()).isEqualTo(Plots.DEFAULT_SCATTER_SIDE);
    }

    @Test
    void scatterRejectsTransposedInputAndBadRange() {
        Path png = dir.resolve("bad.png");
        assertThatThrownBy(() -> Plots.scatter(png, "t", new float[][] {{1, 2, 3}, {4, 5, 6}}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points[0] must be {x, y}");
        assertThatThrownBy(() -> Plots.scatter(png, "t", new float[][] {{1, 2}}, null, new float[] {1, 0, 0, 1}))
                .hasMessageContaining("xmin < xmax");
        assertThat(png).doesNotExist();
    }

    @Test
    void linesWritesPngOfRequestedSize() throws Exception {
        Path png = dir.resolve("lines.png");
        LinkedHashMap<String, double[][]> series = new LinkedHashMap<>();
        double[] dims = {2, 8, 32, 128, 512};
        series.put("MADE", new double[][] {dims, {0.01, 0.04, 0.15, 0.6, 2.4}});
        series.put("RealNVP", new double[][] {dims, {0.002, 0.002, 0.003, 0.004, 0.006}});
        series.put("diverged", new double[][] {dims, {0.1, 0.2, Double.NaN, 0.4, 0.5}});
        Plots.lines(png, "Sampling time", "dimension", "seconds per 1000 samples", series, true, true, 700, 400);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(700);
        assertThat(img.getHeight()).isEqualTo(400);
    }

    @Test
    void linesRejectsNonPositiveOnLogAxisAndRaggedSeries() {
        Path png = dir.resolve("bad.png");
        LinkedHashMap<String, double[][]> neg = new LinkedHashMap<>();
        neg.put("nll", new double[][] {{1, 2}, {-0.5, 1}});
        assertThatThrownBy(() -> Plots.lines(png, "t", "x", "y", neg, false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nll' point 0")
                .hasMessageContaining("logarithmic y");
        LinkedHashMap<String, double[][]> ragged = new LinkedHashMap<>();
        ragged.put("loss", new double[][] {{1, 2, 3}, {1, 2}});
        assertThatThrownBy(() -> Plots.lines(png, "t", "x", "y", ragged, false, false))
                .hasMessageContaining("'loss' must be {xs, ys} of equal length");
        assertThat(png).doesNotExist();
    }

    @Test
    void longEquallySpacedCurvesGetRoundTicks() {
        // XChart ticks equally spaced x at data values (0, 154, 308, ... for 2000 steps); the
        // workaround adds one hidden point only for long, equally spaced curves
        assertThat(Plots.avoidEquallySpacedTicks(chartWithX(2000, i -> i))).isTrue();
        assertThat(Plots.avoidEquallySpacedTicks(chartWithX(10, i -> i + 1))).isFalse();
        assertThat(Plots.avoidEquallySpacedTicks(chartWithX(2000, i -> i * (double) i))).isFalse();
        org.knowm.xchart.XYChart c = chartWithX(2000, i -> 10 * i);
        Plots.avoidEquallySpacedTicks(c);
        org.knowm.xchart.XYSeries hidden = c.getSeriesMap().get(" ");
        assertThat(hidden.getXData()).containsExactly(5.0);
        assertThat(hidden.isShowInLegend()).isFalse();
    }

    private static org.knowm.xchart.XYChart chartWithX(int n, java.util.function.IntToDoubleFunction x) {
        org.knowm.xchart.XYChart c = new org.knowm.xchart.XYChartBuilder().width(200).height(200).build();
        double[] xs = java.util.stream.IntStream.range(0, n).mapToDouble(x).toArray();
        c.addSeries("loss", xs, new double[n]);
        return c;
    }

    @Test
    void barsWritesPngOfRequestedSize() throws Exception {
        Path png = dir.resolve("bars.png");
        LinkedHashMap<String, Double> v = new LinkedHashMap<>();
        v.put("VAE", 87.2);
        v.put("PixelCNN", 81.3);
        v.put("RBM (AIS estimate)", 86.0);
        Plots.bars(png, "Test NLL", "nats", v, 480, 360);
        BufferedImage img = read(png);
        assertThat(img.getWidth()).isEqualTo(480);
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void barsRejectNonFinite() {
        LinkedHashMap<String, Double> v = new LinkedHashMap<>();
        v.put("GAN", Double.NaN);
        assertThatThrownBy(() -> Plots.bars(dir.resolve("b.png"), "t", "nats", v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'GAN'");
    }

    @Test
    void unwritableParentFailsAndLeavesNothing() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        LinkedHashMap<String, Double> v = new LinkedHashMap<>();
        v.put("VAE", 1.0);
        assertThatThrownBy(() -> Plots.bars(blocker.resolve("d/bars.png"), "t", "nats", v))
                .isInstanceOf(UncheckedIOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }

    @Test
    void numbersHaveThreeSignificantDigitsAndALeadingZero() {
        assertThat(Plots.number(0.123005)).isEqualTo("0.123");
        assertThat(Plots.number(0.08)).isEqualTo("0.08");
        assertThat(Plots.number(-1.9634)).isEqualTo("-1.96");
        assertThat(Plots.number(41.25)).isEqualTo("41.2");
        assertThat(Plots.number(784)).isEqualTo("784");
        assertThat(Plots.number(12345.6)).isEqualTo("12346");
        assertThat(Plots.number(0)).isEqualTo("0");
        // bar labels and y ticks go through the same function
        LinkedHashMap<String, Double> v = new LinkedHashMap<>();
        v.put("vae", 0.123005);
        v.put("gan", 0.176874);
        CategoryChart bars = Plots.barsChart("t", "ms", v, 400, 300);
        assertThat(bars.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.08)).isEqualTo("0.08");
        assertThat(bars.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.123005)).isEqualTo("0.123");
    }

    @Test
    void measuredLinesLabelEveryMeasuredX() throws Exception {
        LinkedHashMap<String, double[][]> s = new LinkedHashMap<>();
        s.put("nade", new double[][] {{64, 196, 784}, {1.9, 5.3, 20}});
        s.put("vae", new double[][] {{64, 196, 784}, {0.07, 0.9, 1.2}});
        XYChart c = Plots.linesChart("t", "n", "ms", s, true, true, true, 640, 480);
        assertThat(Plots.labelledX(c)).containsExactly("64", "196", "784");
        assertThat(c.getStyler().isXAxisTicksVisible()).as("decade ticks give way to the guides").isFalse();
        // the y range leaves room below the lowest point for the labels; decades are written out
        assertThat(c.getStyler().getYAxisMin()).isLessThan(0.07);
        DecimalFormat decades = new DecimalFormat(c.getStyler().getYAxisDecimalPattern(),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertThat(decades.format(10000.0)).isEqualTo("10,000");
        assertThat(decades.format(0.1)).isEqualTo("0.1");
        Path png = dir.resolve("scaling.png");
        Plots.measuredLines(png, "t", "n", "ms", s);
        assertThat(read(png).getWidth()).isEqualTo(Plots.DEFAULT_WIDTH);
    }

    @Test
    void scatterExplainsTheCrossesInALegend() {
        XYChart with = Plots.scatterChart("t", ring(100, 1, centres()), centres(), null, 400, 400);
        assertThat(with.getStyler().isLegendVisible()).isTrue();
        assertThat(with.getSeriesMap()).containsKey(Plots.REFERENCE_NAME);
        XYChart without = Plots.scatterChart("t", ring(100, 1, centres()), null, null, 400, 400);
        assertThat(without.getStyler().isLegendVisible()).isFalse();
    }

    @Test
    void trainingCurvesHaveOneSeriesPerLossPartAndTheValidation() throws Exception {
        Path csv = dir.resolve("log.csv");
        CsvLog log = new CsvLog(csv);
        log.onStart(null, 0, 2, 3);
        for (int e = 1; e <= 2; e++) {
            for (int s = 1; s <= 3; s++) {
                log.onStep(e, (e - 1) * 3L + s, new LossParts(1.0 / s).with("d_real", 0.5).with("d_fake", 0.25), 100);
            }
            log.onEpochEnd(e, e * 3L, 0.9 / e, true);
        }
        log.onEnd();
        TrainingLog tl = TrainingLog.read(csv);
        assertThat(tl.parts().keySet()).containsExactly("loss", "d_real", "d_fake");
        XYChart c = Plots.trainingCurvesChart("vae", tl);
        assertThat(c.getSeriesMap().values().stream().filter(x -> x.isShowInLegend()).map(x -> x.getName()))
                .containsExactly("loss", "d_real", "d_fake", TrainingLog.VALID_SERIES);
        Path png = dir.resolve("curves.png");
        Plots.trainingCurves(png, "vae", tl);
        assertThat(read(png).getWidth()).isEqualTo(Plots.DEFAULT_WIDTH);
        // a model without a validation score (a GAN) gets the loss parts only
        TrainingLog noValid = new TrainingLog(tl.epochs(), tl.parts(), new double[0], new double[0]);
        assertThat(Plots.trainingCurvesChart("gan", noValid).getSeriesMap()).hasSize(3);
    }

    @Test
    void groupedBarsCheckTheirShape() {
        LinkedHashMap<String, double[]> s = new LinkedHashMap<>();
        s.put("samples", new double[] {0.1, 0.2});
        s.put("data", new double[] {0.1});
        assertThatThrownBy(() -> Plots.groupedBarsChart("t", "d", "f", List.of("1", "2"), s))
                .hasMessageContaining("'data' must have one value per category (2), got 1");
    }
}
