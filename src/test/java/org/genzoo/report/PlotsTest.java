package org.genzoo.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
