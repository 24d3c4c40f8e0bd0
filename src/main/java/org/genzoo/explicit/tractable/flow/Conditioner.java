package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;

/**
 * The network of a coupling layer: it sees the masked input and returns the quantities that
 * transform the other part. Its own Jacobian never enters the determinant, so it can be any
 * network (Dinh et al. 2014, section 3.2).
 */
@FunctionalInterface
public interface Conditioner {
    /**
     * @param masked the input with the transformed part zeroed, {@code (b, …)}
     * @return the network's output, shaped like {@code masked} with a whole multiple of its
     *     feature (or channel) axis
     */
    NDArray apply(NDArray masked);
}
