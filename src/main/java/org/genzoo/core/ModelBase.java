package org.genzoo.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.DataSpec;

/**
 * What every model holds besides its networks: its name and leaf, its hyperparameters, the data
 * it was built for, and its own manager with the parameters in it. Models extend it so that each
 * model file holds only its mathematics; closing the model frees every array it made.
 *
 * @param <C> the model's hyperparameter record
 */
public abstract class ModelBase<C extends Record> implements GenerativeModel {
    /** The model's hyperparameters. */
    protected final C config;
    /** The data the model was built for. */
    protected final DataSpec data;
    /** The model's own manager: parameters and anything else that lives as long as the model. */
    protected final NDManager manager;
    /** The trainable parameters, in {@link #manager}. */
    protected final Params params;
    private final String kind;
    private final Leaf leaf;

    /**
     * @param kind the name the model is registered under
     * @param leaf its leaf of the taxonomy
     * @param parent the manager under which the model's own manager is made
     */
    protected ModelBase(String kind, Leaf leaf, C config, DataSpec data, NDManager parent) {
        this.kind = kind;
        this.leaf = leaf;
        this.config = config;
        this.data = data;
        this.manager = parent.newSubManager();
        this.params = new Params(manager);
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final Leaf leaf() {
        return leaf;
    }

    @Override
    public final DataSpec data() {
        return data;
    }

    @Override
    public final C config() {
        return config;
    }

    @Override
    public final Params params() {
        return params;
    }

    /** Frees the model's native memory: its parameters and whatever else it put in its manager. */
    @Override
    public void close() {
        manager.close();
    }

    /**
     * One maximum-likelihood step for a model with one parameter group, {@code model}: minimises
     * the batch mean of {@code -log p(x)} and reports it as the loss part {@code nll}.
     *
     * @param logLikelihood computes the batch's {@code (b,)} log-likelihoods; called under the
     *     gradient collector
     */
    protected static LossParts maximumLikelihoodStep(Supplier<NDArray> logLikelihood, OptimizerSet optimizers,
            NDManager scratch) {
        double loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray nll = logLikelihood.get().mean().neg();
            Backward.pass(gc, nll);
            loss = nll.getFloat();
        }
        optimizers.step("model", scratch);
        return new LossParts(loss).with("nll", loss);
    }
}
