package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ToyDataTest {
    private static final LoadOptions OPTS = LoadOptions.defaults();

    private static float[][] all(Dataset ds) {
        Split[] s = {ds.train(), ds.valid(), ds.test()};
        int n = ds.train().size() + ds.valid().size() + ds.test().size();
        float[][] pts = new float[n][];
        int k = 0;
        for (Split sp : s) {
            for (int i = 0; i < sp.size(); i++) {
                pts[k++] = sp.row(i);
            }
        }
        return pts;
    }

    private static int nearest(MixtureSpec m, float[] p) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int k = 0; k < m.modes(); k++) {
            double dx = p[0] - m.centres()[k][0];
            double dy = p[1] - m.centres()[k][1];
            double d = dx * dx + dy * dy;
            if (d < bd) {
                bd = d;
                best = k;
            }
        }
        return best;
    }

    @Test
    void ring8HasRadiusTwoAndEveryPointNearACentre() {
        Dataset ds = Datasets.load("ring8", OPTS);
        MixtureSpec m = ds.mixture().orElseThrow();
        assertThat(m.modes()).isEqualTo(8);
        assertThat(m.std()).isEqualTo(0.02f);
        double sumR = 0;
        float[][] pts = all(ds);
        for (float[] p : pts) {
            sumR += Math.hypot(p[0], p[1]);
            float[] c = m.centres()[nearest(m, p)];
            // each coordinate within 5 std: P(miss) ≈ 1.1e-6 per point, 0.03 expected misses in 30k
            assertThat(Math.abs(p[0] - c[0])).isLessThan(5 * m.std());
            assertThat(Math.abs(p[1] - c[1])).isLessThan(5 * m.std());
        }
        // mean radius ≈ 2 + std²/(2·2); its standard error is 0.02/sqrt(30000) ≈ 1.2e-4
        assertThat(sumR / pts.length).isCloseTo(2.0, within(1e-3));
        assertThat(ds.spec()).isEqualTo(DataSpec.vector(2, DataKind.CONTINUOUS));
    }

    @Test
    void grid25HasTwentyFiveEqualModes() {
        Dataset ds = Datasets.load("grid25", OPTS);
        MixtureSpec m = ds.mixture().orElseThrow();
        assertThat(m.modes()).isEqualTo(25);
        int[] counts = new int[25];
        float[][] pts = all(ds);
        for (float[] p : pts) {
            int k = nearest(m, p);
            counts[k]++;
            assertThat(Math.hypot(p[0] - m.centres()[k][0], p[1] - m.centres()[k][1])).isLessThan(0.4);
        }
        // each share is 0.04 ± sqrt(0.04·0.96/30000) = ± 0.0011; allow about 7 standard errors
        for (int c : counts) {
            assertThat((double) c / pts.length).isCloseTo(0.04, within(0.008));
        }
    }

    @Test
    void moonsAreTwoHalfCirclesWithTheirExpectedMeans() {
        Dataset ds = Datasets.load("moons", OPTS);
        double[] sx = new double[2];
        double[] sy = new double[2];
        int[] n = new int[2];
        Split s = ds.train();
        for (int i = 0; i < s.size(); i++) {
            int l = s.labels()[i];
            sx[l] += s.values()[2 * i];
            sy[l] += s.values()[2 * i + 1];
            n[l]++;
        }
        // E[cos t] = 0, E[sin t] = 2/π for t ~ U[0, π)
        assertThat(sx[0] / n[0]).isCloseTo(0, within(0.03));
        assertThat(sy[0] / n[0]).isCloseTo(2 / Math.PI, within(0.03));
        assertThat(sx[1] / n[1]).isCloseTo(1, within(0.03));
        assertThat(sy[1] / n[1]).isCloseTo(0.5 - 2 / Math.PI, within(0.03));
    }

    @Test
    void checkerboardPointsLieOnBlackSquaresOnly() {
        Dataset ds = Datasets.load("checkerboard", OPTS);
        int[] perSquare = new int[16];
        for (float[] p : all(ds)) {
            assertThat(p[0]).isBetween(-4f, 4f);
            assertThat(p[1]).isBetween(-4f, 4f);
            int i = (int) Math.floor((p[0] + 4) / 2);
            int j = (int) Math.floor((p[1] + 4) / 2);
            assertThat((i + j) % 2).as("square (%d, %d) is black", i, j).isZero();
            perSquare[4 * j + i]++;
        }
        int black = 0;
        for (int c : perSquare) {
            black += c > 0 ? 1 : 0;
        }
        assertThat(black).isEqualTo(8);
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        Dataset a = Datasets.load("ring8", OPTS);
        Dataset b = Datasets.load("ring8", OPTS);
        Dataset c = Datasets.load("ring8", OPTS.withSeed(99));
        assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64);
        assertThat(c.sha256()).isNotEqualTo(a.sha256());
    }

    @Test
    void limitKeepsThePrefixOfEachSplit() {
        Dataset full = Datasets.load("moons", OPTS);
        Dataset small = Datasets.load("moons", OPTS.withLimit(10));
        assertThat(small.train().size()).isEqualTo(10);
        assertThat(small.test().size()).isEqualTo(10);
        assertThat(small.train().values()).containsExactly(full.train().head(10).values());
        assertThat(small.test().values()).containsExactly(full.test().head(10).values());
    }

    @Test
    void defaultSizesAreTwentyThousandFiveThousandFiveThousand() {
        Dataset ds = Datasets.load("checkerboard", OPTS);
        assertThat(new int[] {ds.train().size(), ds.valid().size(), ds.test().size()})
                .containsExactly(20_000, 5_000, 5_000);
    }
}
