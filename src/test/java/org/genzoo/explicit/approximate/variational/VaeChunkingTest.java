package org.genzoo.explicit.approximate.variational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.Seeds;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IWAE bound taken in chunks of importance samples equals the one-chunk bound for the same
 * noise, and its chunks' arrays are freed: the two properties that let evaluation run with
 * bounded memory at k = 5000.
 */
class VaeChunkingTest {
    private static final int D = 6;
    private static final int L = 3;
    private static final int N = 5;
    private static final int K = 37;

    private static Vae vae(boolean bernoulli, NDManager root) {
        VaeConfig cfg = new VaeConfig(new int[] {8}, new int[] {8}, L, "tanh", bernoulli ? "bernoulli" : "gaussian", 1);
        return new Vae(cfg, DataSpec.vector(D, bernoulli ? DataKind.BINARY : DataKind.CONTINUOUS), root);
    }

    /** Slices of one pre-drawn noise array, so chunked and unchunked calls see the same ε. */
    private static Vae.Noise slicesOf(NDArray eps) {
        return (m, from, count) -> {
            NDArray s = eps.get(from + ":" + (from + count));
            s.attach(m);
            return s;
        };
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void chunkedBoundEqualsTheUnchunkedOne(boolean bernoulli) {
        Seeds.seedEngine(5, "test", 0);
        try (NDManager root = NDManager.newBaseManager()) {
            Vae vae = vae(bernoulli, root);
            // a spread of log-weights wide enough that a wrong merge shows: scale the encoder's output
            vae.params().get("encoder.1.w").muli(3);
            NDArray x = bernoulli ? root.randomUniform(0f, 1f, new Shape(N, D)).lt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    : root.randomNormal(new Shape(N, D));
            NDArray eps = root.randomNormal(new Shape(K, N, L));
            float[] whole = vae.chunkedBound(x, K, K, slicesOf(eps)).toFloatArray();
            for (int chunk : new int[] {1, 5, 36}) { // 36 leaves a last chunk of 1; 5 one of 2
                float[] parts = vae.chunkedBound(x, K, chunk, slicesOf(eps)).toFloatArray();
                for (int i = 0; i < N; i++) {
                    assertThat(parts[i]).as("chunk %d row %d", chunk, i).isCloseTo(whole[i], within(2e-4f * (1 + Math.abs(whole[i]))));
                }
            }
            // Negative control: averaging the chunks' bounds (instead of log-sum-exp) is a different,
            // lower figure (Jensen), far outside the tolerance above.
            int chunk = 5;
            double[] averaged = new double[N];
            int chunks = 0;
            for (int from = 0; from < K; from += chunk) {
                int c = Math.min(chunk, K - from);
                int f0 = from;
                float[] b = vae.chunkedBound(x, c, c, (m, f, n) -> slicesOf(eps).draw(m, f0 + f, n)).toFloatArray();
                for (int i = 0; i < N; i++) {
                    averaged[i] += b[i];
                }
                chunks++;
            }
            double gap = 0;
            for (int i = 0; i < N; i++) {
                gap = Math.max(gap, whole[i] - averaged[i] / chunks);
            }
            assertThat(gap).as("the test must be able to see a wrong merge").isGreaterThan(0.05);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4096})
    void everyChunkFreesItsArrays(int budgetBytes) {
        Seeds.seedEngine(6, "test", 0);
        try (NDManager root = NDManager.newBaseManager(); NDManager batch = root.newSubManager()) {
            Vae vae = vae(true, root);
            NDArray x = batch.ones(new Shape(N, D));
            int before = batch.getManagedArrays().size();
            // 400 samples of (N rows × ~300 bytes): at most 2 samples per chunk with 4096 bytes, 1 with 1
            NDArray lb = vae.lowerBound(x, 400, new MemoryBudget(budgetBytes));
            // only the result is left in the caller's manager: every chunk's arrays were freed
            assertThat(batch.getManagedArrays().size()).isEqualTo(before + 1);
            assertThat(lb.getShape()).isEqualTo(new Shape(N));
            for (float v : lb.toFloatArray()) {
                assertThat(v).isFinite().isNegative(); // a log-probability of binary data
            }
        }
    }
}
