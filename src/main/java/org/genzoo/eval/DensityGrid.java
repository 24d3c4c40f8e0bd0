package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.ExactPartition;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.LowerBound;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.NativeMemory;
import org.genzoo.core.Seeds;
import org.genzoo.data.DataKind;
import org.genzoo.data.View;

/**
 * A model's log-density on a regular grid over a box of the plane, for a heat map of a model of
 * 2-D continuous data. Cell {@code (i, j)} is the square whose centre is {@link #x(int) x(j)},
 * {@link #y(int) y(i)}; {@code logp[i][j]} is the model's value there: the exact log p(x) of an
 * {@link ExactDensity}, or, for a {@link LowerBound} only, the importance-weighted bound with
 * {@value #BOUND_K} samples, which is at most log p(x) in expectation, or, for an energy model
 * whose log Z can be enumerated ({@link ExactPartition}, such as a small Gaussian RBM),
 * {@code -E(x) - log Z}.
 *
 * @param box {@code {xmin, xmax, ymin, ymax}}
 * @param logp {@code side × side} values, row {@code i} at height {@code y(i)} (the lowest first)
 * @param bound whether the values are a lower bound rather than the exact log-density
 * @param estimator what the values are, for a caption
 */
public record DensityGrid(float[] box, double[][] logp, boolean bound, String estimator) {
    /** Importance samples of the bound of a model with a lower bound only. */
    public static final int BOUND_K = 100;

    /** Default number of cells per side. */
    public static final int DEFAULT_SIDE = 100;

    /** Checks the shape. */
    public DensityGrid {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(logp, "logp");
        if (box.length != 4 || !(box[0] < box[1]) || !(box[2] < box[3])) {
            throw new IllegalArgumentException("box must be {xmin, xmax, ymin, ymax} with min < max, got "
                    + Arrays.toString(box));
        }
        for (double[] row : logp) {
            if (row.length != logp.length) {
                throw new IllegalArgumentException("logp must be square, got a row of " + row.length + " in " + logp.length);
            }
        }
    }

    /**
     * Whether {@link #compute} applies: a model of 2-D continuous data with an exact density, a
     * bound, or an energy whose partition function can be enumerated.
     */
    public static boolean applies(GenerativeModel model) {
        return model.data().dim() == 2 && model.data().kind() == DataKind.CONTINUOUS
                && model.input().evaluationView(DataKind.CONTINUOUS) == View.IDENTITY && density(model) != null;
    }

    /** How a model's log-density is evaluated on the grid, and what the values are. */
    private record Density(Function<NDArray, NDArray> logp, boolean bound, String estimator) {}

    /** The model's log-density (or bound) as a function of a batch, or null when it has none. */
    private static Density density(GenerativeModel model) {
        if (model instanceof ExactDensity d) {
            return new Density(d::logProb, false, "exact log p(x)");
        }
        if (model instanceof LowerBound lb) {
            return new Density(x -> lb.lowerBound(x, BOUND_K, MemoryBudget.DEFAULT), true,
                    "IWAE bound, k=" + BOUND_K + " (a lower bound on log p(x))");
        }
        if (model instanceof ExactPartition p) {
            OptionalDouble logZ = p.exactLogPartition(EvalOptions.DEFAULT_PARTITION_TERMS);
            if (logZ.isPresent()) {
                double z = logZ.getAsDouble();
                return new Density(x -> p.energy(x).neg().sub((float) z), !p.exactEnergy(), p.exactEnergy()
                        ? "exact log p(x) = -E(x) - log Z, log Z by enumeration"
                        : "-E(x) - log Z, log Z by enumeration (a lower bound on log p(x))");
            }
        }
        return null;
    }

    /**
     * Evaluates the model at the centres of a {@code side × side} grid over {@code box}, one grid
     * row per engine batch (each in its own sub-manager of {@code root}, freed after the row).
     * A bound is stochastic: the engine is seeded from {@code seed} first, so the grid is a
     * function of the seed.
     *
     * @throws IllegalArgumentException if {@link #applies} is false or {@code side < 2}
     */
    public static DensityGrid compute(GenerativeModel model, float[] box, int side, NDManager root, long seed) {
        if (!applies(model)) {
            throw new IllegalArgumentException(model.kind() + ": no density on 2-D continuous data to draw");
        }
        if (side < 2) {
            throw new IllegalArgumentException("side must be at least 2, got " + side);
        }
        double[][] logp = new double[side][side];
        DensityGrid shape = new DensityGrid(box, logp, false, ""); // checks the box; fills below
        Seeds.seedEngine(seed, "density-grid", 0);
        Density density = density(model);
        for (int i = 0; i < side; i++) {
            float[] pts = new float[2 * side];
            for (int j = 0; j < side; j++) {
                pts[2 * j] = (float) shape.x(j);
                pts[2 * j + 1] = (float) shape.y(i);
            }
            float[] v;
            try (NDManager sm = root.newSubManager()) {
                NDArray x = sm.create(pts, new Shape(side, 2)).toType(model.params().type(), false);
                v = density.logp().apply(x).toType(DataType.FLOAT32, false).toFloatArray();
            }
            NativeMemory.release(); // the row's arrays are freed: keep their pages from piling up
            for (int j = 0; j < side; j++) {
                logp[i][j] = v[j];
            }
        }
        return new DensityGrid(box, logp, density.bound(), density.estimator());
    }

    /**
     * A box that holds the points: their range, widened by {@code margin} times its width on each
     * side (a point-like range is widened to at least 1).
     */
    public static float[] boxAround(float[][] rows, double margin) {
        double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (float[] row : rows) {
            if (Float.isFinite(row[0]) && Float.isFinite(row[1])) {
                r[0] = Math.min(r[0], row[0]);
                r[1] = Math.max(r[1], row[0]);
                r[2] = Math.min(r[2], row[1]);
                r[3] = Math.max(r[3], row[1]);
            }
        }
        if (!(r[0] <= r[1])) {
            throw new IllegalArgumentException("no finite point to put a box around");
        }
        float[] box = new float[4];
        for (int a = 0; a < 2; a++) {
            double w = Math.max(r[2 * a + 1] - r[2 * a], 1e-6);
            double pad = Math.max(margin * w, (1 - w) / 2); // at least 1 wide
            box[2 * a] = (float) (r[2 * a] - Math.max(pad, 0));
            box[2 * a + 1] = (float) (r[2 * a + 1] + Math.max(pad, 0));
        }
        return box;
    }

    /** Cells per side. */
    public int side() {
        return logp.length;
    }

    /** The x of column {@code j}'s centre. */
    public double x(int j) {
        return box[0] + (j + 0.5) * (box[1] - box[0]) / side();
    }

    /** The y of row {@code i}'s centre. */
    public double y(int i) {
        return box[2] + (i + 0.5) * (box[3] - box[2]) / side();
    }

    /** The area of one cell. */
    public double cellArea() {
        return (box[1] - box[0]) / (double) side() * (box[3] - box[2]) / side();
    }

    /**
     * The midpoint-rule integral of {@code exp(logp)} over the box: near 1 for a normalised density
     * whose mass the box holds, and at most about that for a bound.
     */
    public double integral() {
        double s = 0;
        for (double[] row : logp) {
            for (double v : row) {
                s += Math.exp(v);
            }
        }
        return s * cellArea();
    }
}
