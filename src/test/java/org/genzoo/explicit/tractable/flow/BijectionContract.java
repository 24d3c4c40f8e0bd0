package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.genzoo.core.Params;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Bijection} keeps, written once: a test class of a new bijection
 * extends this one, says how to build it, and gets every check.
 *
 * <ul>
 *   <li>{@code inverse(forward(x)) = x} and {@code forward(inverse(y)) = y}, and the two
 *       log-determinants are opposite, in float64 to 1e-9 (float64 carries 16 digits; a few
 *       dozen operations on values of order 1 lose at most a few of them);</li>
 *   <li>the same round trip in float32 to 1e-4 (float32's unit round-off is 6e-8; the layers'
 *       scales, up to e² here, and a few dozen operations make 1e-5 typical, so 1e-4 leaves a
 *       margin without hiding an error of a real inverse, which is of order 1);</li>
 *   <li>{@code log |det J|} of both directions equals the log-determinant of the full Jacobian
 *       built independently by central differences in float64 ({@code h = 1e-5}: truncation
 *       error O(h²) ≈ 1e-10, round-off 1e-16 / h ≈ 1e-11), to 1e-6;</li>
 *   <li>a negative control: the same check on a copy whose log-determinant is off by 1e-3 must
 *       fail, so the check can catch a wrong log-determinant.</li>
 * </ul>
 * Parameters are perturbed away from their initial values before every check (NICE's scaling
 * starts at the identity, for one), so a layer cannot pass by being the identity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BijectionContract {
    static final double ROUND_TRIP_64 = 1e-9;
    static final double ROUND_TRIP_32 = 1e-4;
    static final double LOG_DET_TOL = 1e-6;
    static final double STEP = 1e-5;
    static final int ROWS = 3;

    NDManager root;

    @BeforeEach
    void open() {
        root = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(11);
    }

    @AfterEach
    void close() {
        root.close();
    }

    /** The bijection under test, for examples shaped like {@code event}, its parameters in {@code p}. */
    abstract Bijection build(Params p, Shape event);

    /** The example shapes to test: small vectors (6 values) and images (1 × 4 × 4). */
    abstract List<Shape> events();

    /** A batch in the forward map's domain; the default is standard normal values. */
    NDArray input(NDManager m, Shape shape, DataType type) {
        return m.randomNormal(0f, 1f, shape, type);
    }

    /** The shape of the forward map's output for a batch of {@code event}s (a squeeze changes it). */
    Shape latentShape(Bijection b, Shape event, DataType type) {
        return b.forward(input(root, batch(event), type)).value().getShape();
    }

    /** A batch in the inverse map's domain; the default is standard normal values. */
    NDArray latent(NDManager m, Shape shape, DataType type) {
        return m.randomNormal(0f, 1f, shape, type);
    }

    /**
     * Brings the bijection into a generic state before the checks, from a batch: the default
     * runs a pending data-dependent initialisation.
     */
    void prepare(Bijection b, NDArray x) {
        if (b.needsInit()) {
            b.initialize(x);
        }
    }

    /** A built, prepared bijection whose trainable parameters were all moved by N(0, 0.2²) noise. */
    Bijection ready(Params p, Shape event) {
        Bijection b = build(p, event);
        prepare(b, input(root, batch(event), p.type()).mul(1.5f).add(0.3f));
        for (String n : p.names()) {
            NDArray a = p.get(n);
            a.addi(root.randomNormal(0f, 0.2f, a.getShape(), p.type()));
        }
        return b;
    }

    static Shape batch(Shape event) {
        return new Shape(ROWS).addAll(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void inverseUndoesForwardInFloat64(Shape event) {
        Bijection b = ready(new Params(root, DataType.FLOAT64), event);
        NDArray x = input(root, batch(event), DataType.FLOAT64);
        Bijection.Result f = b.forward(x);
        Bijection.Result back = b.inverse(f.value());
        assertThat(maxAbs(back.value().sub(x))).as("|f⁻¹(f(x)) - x|").isLessThan(ROUND_TRIP_64);
        assertThat(maxAbs(back.logDet().add(f.logDet()))).as("log-dets of f and f⁻¹ cancel").isLessThan(ROUND_TRIP_64);
        assertThat(f.logDet().getShape()).isEqualTo(new Shape(ROWS));
    }

    @ParameterizedTest
    @MethodSource("events")
    void forwardUndoesInverseInFloat64(Shape event) {
        Bijection b = ready(new Params(root, DataType.FLOAT64), event);
        NDArray y = latent(root, latentShape(b, event, DataType.FLOAT64), DataType.FLOAT64);
        Bijection.Result inv = b.inverse(y);
        Bijection.Result again = b.forward(inv.value());
        assertThat(maxAbs(again.value().sub(y))).as("|f(f⁻¹(y)) - y|").isLessThan(ROUND_TRIP_64);
        assertThat(maxAbs(again.logDet().add(inv.logDet()))).isLessThan(ROUND_TRIP_64);
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripHoldsInFloat32(Shape event) {
        Bijection b = ready(new Params(root, DataType.FLOAT32), event);
        NDArray x = input(root, batch(event), DataType.FLOAT32);
        NDArray back = b.inverse(b.forward(x).value()).value();
        assertThat(back.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(maxAbs(back.sub(x))).isLessThan(ROUND_TRIP_32);
    }

    @ParameterizedTest
    @MethodSource("events")
    void logDetEqualsTheJacobiansInBothDirections(Shape event) {
        Bijection b = ready(new Params(root, DataType.FLOAT64), event);
        NDArray x = input(root, batch(event), DataType.FLOAT64);
        assertThat(logDetError(b::forward, x)).as("forward").isLessThan(LOG_DET_TOL);
        NDArray y = latent(root, latentShape(b, event, DataType.FLOAT64), DataType.FLOAT64);
        assertThat(logDetError(b::inverse, y)).as("inverse").isLessThan(LOG_DET_TOL);
    }

    @ParameterizedTest
    @MethodSource("events")
    void aWrongLogDetIsCaught(Shape event) {
        Bijection b = ready(new Params(root, DataType.FLOAT64), event);
        NDArray x = input(root, batch(event), DataType.FLOAT64);
        java.util.function.Function<NDArray, Bijection.Result> off = v -> {
            Bijection.Result r = b.forward(v);
            return new Bijection.Result(r.value(), r.logDet().add(1e-3f));
        };
        assertThat(logDetError(off, x)).isGreaterThan(LOG_DET_TOL);
    }

    /**
     * The largest difference, over the rows of {@code x}, between the map's reported
     * {@code log |det J|} and the log-determinant of its Jacobian by central differences.
     */
    static double logDetError(java.util.function.Function<NDArray, Bijection.Result> f, NDArray x) {
        Shape shape = x.getShape();
        int rows = (int) shape.get(0);
        int d = (int) (shape.size() / rows);
        double[] reported = f.apply(x).logDet().toType(DataType.FLOAT64, false).toDoubleArray();
        double[][][] jac = new double[rows][d][d]; // jac[r][i][j] = ∂f_i/∂x_j of row r
        NDManager m = x.getManager();
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = STEP;
            NDArray step = m.create(e).reshape(new Shape(1).addAll(shape.slice(1)));
            double[] plus = f.apply(x.add(step)).value().toDoubleArray();
            double[] minus = f.apply(x.sub(step)).value().toDoubleArray();
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < d; i++) {
                    jac[r][i][j] = (plus[r * d + i] - minus[r * d + i]) / (2 * STEP);
                }
            }
        }
        double worst = 0;
        for (int r = 0; r < rows; r++) {
            worst = Math.max(worst, Math.abs(logAbsDet(jac[r]) - reported[r]));
        }
        return worst;
    }

    /** {@code log |det a|} by LU decomposition with partial pivoting, in double. */
    static double logAbsDet(double[][] a) {
        double[][] u = InvertibleLinear.lu(a)[2];
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += Math.log(Math.abs(u[i][i]));
        }
        return s;
    }

    static double maxAbs(NDArray a) {
        return a.abs().max().toType(DataType.FLOAT64, false).getDouble();
    }
}
