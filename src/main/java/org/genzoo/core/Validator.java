package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The validation score the trainer watches, chosen from the model's capabilities: the mean
 * negative log-likelihood for an exact density, the mean negative ELBO for a lower bound.
 * Models with neither (GANs) have no validation score and train for the epochs asked.
 */
abstract class Validator {
    private static final int BATCH = 500;

    abstract String name();

    /** The per-example values to average (negated log-likelihoods or bounds). */
    abstract NDArray perExample(NDArray x);

    static Validator forModel(GenerativeModel model) {
        if (model instanceof ExactDensity d) {
            return new Validator() {
                String name() {
                    return "NLL (exact)";
                }

                NDArray perExample(NDArray x) {
                    return d.logProb(x).neg();
                }
            };
        }
        if (model instanceof LowerBound lb) {
            return new Validator() {
                String name() {
                    return "-ELBO";
                }

                NDArray perExample(NDArray x) {
                    return lb.lowerBound(x, 1).neg();
                }
            };
        }
        return null;
    }

    /** The mean over all rows of {@code x}, in batches. */
    double score(NDArray x, org.genzoo.data.View view, NDManager root) {
        double sum = 0;
        for (float v : Batches.perRow(x, view, BATCH, root, this::perExample, k -> { })) {
            sum += v;
        }
        return sum / x.getShape().get(0);
    }
}
