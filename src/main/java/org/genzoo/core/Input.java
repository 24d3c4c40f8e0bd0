package org.genzoo.core;

import org.genzoo.data.DataKind;
import org.genzoo.data.View;

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
    DEQUANTISED;

    /** How a training batch of {@code kind} data is shown to a model with this input. */
    public View trainingView(DataKind kind) {
        if (this == REAL) {
            return kind == DataKind.GREY ? View.GREY : View.IDENTITY;
        }
        return View.trainingFor(kind, this == BINARY);
    }

    /**
     * How evaluation data of {@code kind} is shown: as in training, except that grey data for a
     * binary model is binarised once with a fixed seed, so every model is scored on the same images.
     */
    public View evaluationView(DataKind kind) {
        if (this == REAL) {
            return trainingView(kind);
        }
        return View.evaluationFor(kind, this == BINARY);
    }
}
