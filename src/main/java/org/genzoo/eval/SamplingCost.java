package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.genzoo.core.Sampler;

/** Wall time of sampling: the tutorial's claim that GANs sample in one shot, measured. */
public final class SamplingCost {
    private SamplingCost() {}

    /** Seconds to draw a batch of 100 samples: the median of three timed batches after a warm-up. */
    public static double secondsPer100(Sampler s, NDManager root) {
        return secondsPerBatch(s, root, 100, 3);
    }

    /** Seconds to draw a batch of {@code batch} samples, median of {@code repeats} after a warm-up. */
    public static double secondsPerBatch(Sampler s, NDManager root, int batch, int repeats) {
        double[] t = new double[repeats];
        for (int r = -1; r < repeats; r++) {
            try (NDManager sm = root.newSubManager()) {
                long t0 = System.nanoTime();
                NDArray x = s.sample(sm, batch);
                x.toFloatArray(); // forces the computation to finish
                if (r >= 0) {
                    t[r] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
