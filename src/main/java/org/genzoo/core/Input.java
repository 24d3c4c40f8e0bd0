package org.genzoo.core;

/**
 * What a model takes as input, which decides how the trainer and the evaluator present a data
 * set to it (see {@code org.genzoo.data.View}).
 */
public enum Input {
    /**
     * Binary vectors. Grey-level data is binarised: afresh every time a batch is drawn in
     * training (dynamic binarisation), and once with a fixed seed for evaluation.
     */
    BINARY,
    /** Real vectors used as they are: grey levels in [0, 1] for a GAN, toy data. */
    REAL,
    /**
     * Real vectors under a continuous density: 256-level data is dequantised with uniform noise
     * so that a density on it is well defined (Theis et al. 2016).
     */
    DEQUANTISED
}
