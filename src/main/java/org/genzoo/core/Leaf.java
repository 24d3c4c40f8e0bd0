package org.genzoo.core;

/**
 * The leaves of the taxonomy of deep generative models in Goodfellow's NIPS 2016 GAN tutorial
 * (section 2, figure 9). Every model in genzoo lives in the package its leaf names.
 */
public enum Leaf {
    /** Explicit tractable density, fully visible belief networks: exact log p by the chain rule. */
    AUTOREGRESSIVE("explicit density / tractable / fully visible belief nets",
            "org.genzoo.explicit.tractable.autoregressive", "exact"),
    /** Explicit tractable density, nonlinear ICA: exact log p by change of variables. */
    FLOW("explicit density / tractable / change of variables (nonlinear ICA)",
            "org.genzoo.explicit.tractable.flow", "exact"),
    /** Explicit approximate density, variational: a lower bound on log p. */
    VARIATIONAL("explicit density / approximate / variational",
            "org.genzoo.explicit.approximate.variational", "lower bound (ELBO, IWAE)"),
    /** Explicit approximate density, Markov chain: an energy whose partition function is estimated. */
    MARKOV_CHAIN_EXPLICIT("explicit density / approximate / Markov chain",
            "org.genzoo.explicit.approximate.markov", "estimate (AIS)"),
    /** Implicit density, Markov chain: samples from a chain, no density. */
    MARKOV_CHAIN_IMPLICIT("implicit density / Markov chain",
            "org.genzoo.implicit.markov", "estimate (Parzen)"),
    /** Implicit density, direct: one-shot samples, no density. */
    DIRECT("implicit density / direct", "org.genzoo.implicit.direct", "estimate (Parzen)");

    private final String path;
    private final String packageName;
    private final String likelihood;

    Leaf(String path, String packageName, String likelihood) {
        this.path = path;
        this.packageName = packageName;
        this.likelihood = likelihood;
    }

    /** The path from the root of the taxonomy to this leaf, for tables. */
    public String path() {
        return path;
    }

    /** The Java package holding this leaf's models. */
    public String packageName() {
        return packageName;
    }

    /** How a model of this leaf gets its log-likelihood. */
    public String likelihood() {
        return likelihood;
    }
}
