package org.genzoo.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.Params;
import org.genzoo.core.Sampler;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.report.Pictures;
import org.genzoo.report.Plots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The density grid of a model whose density is known in closed form (a standard normal, or a
 * normal centred at (1, -0.5) with scale 0.5): values at the cell centres, the integral, and the
 * heat map file.
 */
class DensityGridTest {
    /** A test double: N(mu, s² I) on the plane, exact. */
    static final class Normal extends Base implements ExactDensity {
        final double mx;
        final double my;
        final double s;

        Normal(NDManager root, double mx, double my, double s) {
            super(root);
            this.mx = mx;
            this.my = my;
            this.s = s;
        }

        static double logPdf(double x, double y, double mx, double my, double s) {
            double dx = (x - mx) / s;
            double dy = (y - my) / s;
            return -0.5 * (dx * dx + dy * dy) - Math.log(2 * Math.PI * s * s);
        }

        @Override
        public NDArray logProb(NDArray x) {
            NDArray d = x.sub(x.getManager().create(new float[] {(float) mx, (float) my})).div((float) s);
            return d.square().sum(new int[] {1}).mul(-0.5f).sub((float) Math.log(2 * Math.PI * s * s));
        }
    }

    /** What every double shares: a model of 2-D continuous data with no parameters. */
    abstract static class Base implements GenerativeModel {
        final Params params;

        Base(NDManager root) {
            this.params = new Params(root.newSubManager());
        }

        @Override
        public String kind() {
            return "normal";
        }

        @Override
        public Leaf leaf() {
            return Leaf.FLOW;
        }

        @Override
        public DataSpec data() {
            return DataSpec.vector(2, DataKind.CONTINUOUS);
        }

        @Override
        public Record config() {
            return null;
        }

        @Override
        public Params params() {
            return params;
        }

        @Override
        public Input input() {
            return Input.REAL;
        }

        @Override
        public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            params.manager().close();
        }
    }

    /** A sampler only (a GAN's capabilities): no density. */
    static final class SamplerOnly extends Base implements Sampler {
        SamplerOnly(NDManager root) {
            super(root);
        }

        @Override
        public NDArray sample(NDManager manager, int n) {
            return manager.randomNormal(new Shape(n, 2));
        }
    }

    @Test
    void valuesAtTheCellCentresAreTheClosedFormAndTheIntegralIsOne() {
        try (NDManager root = NDManager.newBaseManager(); Normal m = new Normal(root, 1, -0.5, 0.5)) {
            float[] box = {-2f, 4f, -3.5f, 2.5f}; // ±6 scales around the mean
            DensityGrid g = DensityGrid.compute(m, box, 100, root, 0);
            assertThat(g.side()).isEqualTo(100);
            assertThat(g.bound()).isFalse();
            assertThat(g.x(0)).isCloseTo(-2 + 0.03, offset(1e-9));
            for (int i = 0; i < 100; i += 7) {
                for (int j = 0; j < 100; j += 11) {
                    assertThat(g.logp()[i][j]).as("cell (%d, %d)", i, j)
                            .isCloseTo(Normal.logPdf(g.x(j), g.y(i), 1, -0.5, 0.5), offset(1e-4));
                }
            }
            assertThat(g.integral()).isCloseTo(1.0, offset(0.02));
            // negative control: the same sum with a wrong cell area (that of a 99-cell side) is off
            double sum = g.integral() / g.cellArea();
            double wrongArea = (6.0 / 99) * (6.0 / 99);
            assertThat(Math.abs(sum * wrongArea - 1)).isGreaterThan(0.02);
        }
    }

    @Test
    void aBoxThatMissesMassIntegratesBelowOne() {
        try (NDManager root = NDManager.newBaseManager(); Normal m = new Normal(root, 0, 0, 1)) {
            // [0, 3] × [-3, 3] holds about half of a standard normal's mass
            DensityGrid g = DensityGrid.compute(m, new float[] {0f, 3f, -3f, 3f}, 60, root, 0);
            assertThat(g.integral()).isCloseTo(0.4973, offset(0.01));
        }
    }

    @Test
    void theHeatMapIsWrittenAtItsSize(@TempDir Path tmp) throws Exception {
        try (NDManager root = NDManager.newBaseManager(); Normal m = new Normal(root, 0, 0, 1)) {
            DensityGrid g = DensityGrid.compute(m, DensityGrid.boxAround(new float[][] {{-3, -3}, {3, 3}}, 0.1), 50, root, 0);
            Path png = tmp.resolve("d.png");
            Pictures.density(png, g, "normal");
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img.getWidth()).isEqualTo(Plots.DEFAULT_HEAT_WIDTH);
            assertThat(img.getHeight()).isEqualTo(Plots.DEFAULT_SCATTER_SIDE);
        }
    }

    @Test
    void aModelWithoutADensityHasNoGrid() {
        try (NDManager root = NDManager.newBaseManager(); Normal m = new Normal(root, 0, 0, 1);
                SamplerOnly s = new SamplerOnly(root)) {
            assertThat(DensityGrid.applies(m)).isTrue();
            assertThat(DensityGrid.applies(s)).isFalse();
            assertThatThrownBy(() -> DensityGrid.compute(s, new float[] {0, 1, 0, 1}, 10, root, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no density");
        }
    }

    @Test
    void theBoxHoldsThePointsWithAMargin() {
        float[] b = DensityGrid.boxAround(new float[][] {{0, 1}, {2, 5}, {Float.NaN, 0}}, 0.1);
        assertThat(b).containsExactly(-0.2f, 2.2f, 0.6f, 5.4f);
        try (NDManager root = NDManager.newBaseManager(); Normal m = new Normal(root, 0, 0, 1)) {
            assertThatThrownBy(() -> DensityGrid.compute(m, b, 1, root, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
