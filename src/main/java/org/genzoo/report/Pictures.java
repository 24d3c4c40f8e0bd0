package org.genzoo.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.MixtureSpec;
import org.genzoo.data.Split;
import org.genzoo.eval.DensityGrid;
import org.knowm.xchart.CategoryChart;

/** The right picture of a set of samples for the shape of the data. */
public final class Pictures {
    private Pictures() {}

    /**
     * Writes an image grid for image data, a scatter plot for 2-D data (true modes marked when
     * known), and nothing for other shapes.
     *
     * @return whether a picture was written
     */
    public static boolean samples(Path png, DataSpec spec, float[][] rows, MixtureSpec mixture, String title) {
        if (spec.isImage()) {
            int[] s = spec.shape();
            float[] flat = new float[rows.length * spec.dim()];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * spec.dim(), spec.dim());
            }
            SampleGrid.write(png, flat, rows.length, s[0], s[1]);
            return true;
        }
        if (spec.dim() == 2) {
            Plots.scatter(png, title, rows, mixture == null ? null : mixture.centres(), null);
            return true;
        }
        return false;
    }

    /**
     * Draws a model's density grid as a heat map of {@code exp(logp)}: the density p(x) itself
     * for an exact grid, {@code exp} of the bound (a lower bound on p(x)) otherwise; the title
     * says which.
     */
    public static void density(Path png, DensityGrid grid, String model) {
        double[][] p = new double[grid.side()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = Arrays.stream(grid.logp()[i]).map(Math::exp).toArray();
        }
        Plots.heatMap(png, densityTitle(grid, model), p, grid.box());
    }

    /** The title of {@link #density}: what the colours are. */
    static String densityTitle(DensityGrid grid, String model) {
        return grid.bound() ? "exp(IWAE bound, k=" + DensityGrid.BOUND_K + "), a lower bound on the density p(x), of " + model
                : "Density p(x) of " + model + " (exact)";
    }

    /**
     * Samples of the same Markov chains after each number of transitions, the chain's cost made
     * visible: for images one grid whose rows are the numbers of transitions (row r holds the
     * samples after {@code steps[r]}), for 2-D data one scatter plot per number of transitions,
     * and nothing for other shapes.
     *
     * @param dir the folder the pictures go in
     * @param stem the file name stem: {@code STEM.png} for images, {@code STEM-T.png} for 2-D data
     * @param steps the numbers of transitions, in order
     * @param samples per number of transitions, the samples as rows (the same count for each)
     * @param mixture the true modes to mark on 2-D data, or null
     * @param title what the samples are of
     * @return the files written, in order
     */
    public static List<Path> chainSamples(Path dir, String stem, DataSpec spec, int[] steps, List<float[][]> samples,
            MixtureSpec mixture, String title) {
        if (steps.length != samples.size() || steps.length == 0) {
            throw new IllegalArgumentException("steps and samples: expected one set of samples per number of "
                    + "transitions, got " + steps.length + " and " + samples.size());
        }
        int per = samples.get(0).length;
        List<Path> out = new ArrayList<>();
        if (spec.isImage()) {
            int d = spec.dim();
            float[] flat = new float[steps.length * per * d];
            for (int r = 0; r < steps.length; r++) {
                float[][] rows = samples.get(r);
                if (rows.length != per) {
                    throw new IllegalArgumentException("samples: expected " + per + " after each number of "
                            + "transitions, got " + rows.length + " after " + steps[r]);
                }
                for (int i = 0; i < per; i++) {
                    System.arraycopy(rows[i], 0, flat, (r * per + i) * d, d);
                }
            }
            Path png = dir.resolve(stem + ".png");
            SampleGrid.write(png, flat, steps.length * per, spec.shape()[0], spec.shape()[1], per);
            out.add(png);
        } else if (spec.dim() == 2) {
            for (int r = 0; r < steps.length; r++) {
                Path png = dir.resolve(stem + "-" + steps[r] + ".png");
                Plots.scatter(png, title + " after " + steps[r] + (steps[r] == 1 ? " transition" : " transitions"),
                        samples.get(r), mixture == null ? null : mixture.centres(), null);
                out.add(png);
            }
        }
        return out;
    }

    /** Whether {@link #samples} draws a picture for data of this shape. */
    public static boolean hasSamplePicture(DataSpec spec) {
        return spec.isImage() || spec.dim() == 2;
    }

    /**
     * For data that is neither an image nor 2-D points (16-dimensional binary vectors, a user's
     * CSV): draws each dimension's mean in the samples next to its mean in the data, as grouped
     * bars. For binary data the mean is the frequency of ones, so a model that ignores a
     * dimension or gets its rate wrong shows at a glance.
     *
     * @param png the file to write
     * @param spec the data's shape and kind
     * @param samples the model's samples as rows of {@code spec.dim()} values
     * @param data the data to compare with (for instance the test split)
     * @param title chart title
     * @throws IllegalArgumentException if a sample row or the data has the wrong width, or there
     *     are no samples
     */
    public static void marginals(Path png, DataSpec spec, float[][] samples, Split data, String title) {
        Objects.requireNonNull(png, "png");
        Plots.save(png, marginalsChart(spec, samples, data, title));
    }

    /** The chart of {@link #marginals}. */
    static CategoryChart marginalsChart(DataSpec spec, float[][] samples, Split data, String title) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(data, "data");
        int dim = spec.dim();
        if (data.dim() != dim) {
            throw new IllegalArgumentException("data has " + data.dim() + " values per example, expected " + dim);
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("marginals need at least one sample");
        }
        double[] model = new double[dim];
        for (int i = 0; i < samples.length; i++) {
            if (samples[i].length != dim) {
                throw new IllegalArgumentException("samples[" + i + "] has " + samples[i].length + " values, expected "
                        + dim);
            }
            for (int j = 0; j < dim; j++) {
                model[j] += samples[i][j] / (double) samples.length;
            }
        }
        double[] truth = new double[dim];
        float[] v = data.values();
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < dim; j++) {
                truth[j] += v[i * dim + j] / (double) data.size();
            }
        }
        List<String> dims = new ArrayList<>();
        for (int j = 0; j < dim; j++) {
            dims.add(Integer.toString(j + 1));
        }
        LinkedHashMap<String, double[]> series = new LinkedHashMap<>();
        series.put("samples (" + samples.length + ")", model);
        series.put("data (" + data.size() + ")", truth);
        boolean binary = spec.kind() == DataKind.BINARY;
        return Plots.groupedBarsChart(title, "dimension", binary ? "frequency of 1" : "mean value", dims, series);
    }
}
