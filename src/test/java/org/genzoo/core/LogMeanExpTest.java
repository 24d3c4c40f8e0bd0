package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The running log-sum-exp merges chunks into the one-piece figure, at any magnitude. */
class LogMeanExpTest {
    @Test
    void chunksMergeToTheLogMeanExpOfAllTerms() {
        double[][] rows = {{-1000.5, -1001, -999.25, -1003, -998}, {3, 1, 2, 0.5, 4}, {700, 700, 701, -20, 699}};
        LogMeanExp acc = new LogMeanExp(rows.length);
        // chunks {0,1}, {2}, {3,4}: each fed as its own log-sum-exp
        int[][] chunks = {{0, 1}, {2}, {3, 4}};
        for (int[] c : chunks) {
            float[] part = new float[rows.length];
            for (int r = 0; r < rows.length; r++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i : c) {
                    m = Math.max(m, rows[r][i]);
                }
                double s = 0;
                for (int i : c) {
                    s += Math.exp(rows[r][i] - m);
                }
                part[r] = (float) (m + Math.log(s));
            }
            acc.add(part);
        }
        float[] got = acc.logMean(5);
        for (int r = 0; r < rows.length; r++) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : rows[r]) {
                m = Math.max(m, v);
            }
            double s = 0;
            for (double v : rows[r]) {
                s += Math.exp(v - m);
            }
            double expected = m + Math.log(s / 5);
            assertThat((double) got[r]).isCloseTo(expected, within(1e-4 * Math.abs(expected) + 1e-5));
        }
    }

    @Test
    void minusInfinityAddsNothingAndNanPropagates() {
        LogMeanExp acc = new LogMeanExp(3);
        acc.add(new float[] {Float.NEGATIVE_INFINITY, 2f, Float.NaN});
        acc.add(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f});
        float[] got = acc.logMean(2);
        assertThat(got[0]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat((double) got[1]).isCloseTo(2 - Math.log(2), within(1e-6));
        assertThat(got[2]).isNaN();
    }
}
