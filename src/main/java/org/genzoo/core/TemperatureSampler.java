package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Capability: the sampler draws at a temperature T, its latent noise scaled by T (T = 1 is the
 * model itself, T &lt; 1 trades diversity for typical samples; Kingma &amp; Dhariwal 2018, section 5.3).
 */
public interface TemperatureSampler extends Sampler {
    /**
     * Draws {@code n} samples at temperature {@code temperature}.
     *
     * @param manager where the result is put
     * @param n number of samples, positive
     * @param temperature positive and finite
     * @return an {@code (n, dim)} array in data space
     */
    NDArray sample(NDManager manager, int n, double temperature);

    /** This sampler at a fixed temperature, as a plain {@link Sampler} (same memory per row). */
    default Sampler at(double temperature) {
        TemperatureSampler self = this;
        return new Sampler() {
            @Override
            public NDArray sample(NDManager manager, int n) {
                return self.sample(manager, n, temperature);
            }

            @Override
            public long sampleBytesPerRow(int dim) {
                return self.sampleBytesPerRow(dim);
            }

            @Override
            public boolean oneShotSampling() {
                return self.oneShotSampling();
            }
        };
    }
}
