package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The simple density {@code p_z} of a flow's latent variable: independent components of a fixed
 * standard law, so {@code log p_z(z)} is a sum over every axis but the first.
 */
public interface BaseDistribution {

    /** {@code (b,)}: {@code log p_z(z)} of each example, in nats, in {@code z}'s manager. */
    NDArray logProb(NDArray z);

    /**
     * Draws {@code shape} values (the first axis is the number of examples), each scaled by a
     * temperature {@code T} as in Glow (Kingma &amp; Dhariwal 2018, section 5.3): {@code T = 1}
     * is the model itself, {@code T < 1} trades diversity for typical samples.
     *
     * @param manager where the result is put
     * @param temperature a positive scale
     */
    default NDArray sample(NDManager manager, Shape shape, double temperature, DataType type) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        return Flows.times(sampleStandard(manager, shape, type), temperature);
    }

    /** Draws {@code shape} values at temperature 1, from the engine's seeded generator. */
    NDArray sampleStandard(NDManager manager, Shape shape, DataType type);

    /** The distribution called {@code normal} or {@code logistic}; {@code flag} names the setting in errors. */
    static BaseDistribution parse(String name, String flag) {
        return switch (name) {
            case "normal" -> new StandardNormal();
            case "logistic" -> new StandardLogistic();
            default -> throw new org.genzoo.core.UserError(flag + ": expected normal or logistic, got '" + name + "'");
        };
    }
}
