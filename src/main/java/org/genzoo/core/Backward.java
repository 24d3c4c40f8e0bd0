package org.genzoo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;

/**
 * The one place where a model's training step runs its backward pass, so that a test can make
 * something happen between the forward and the backward pass of every model.
 *
 * <p>The seam exists for {@code ScalarLifetimeFamiliesTest}: it collects garbage and reuses
 * freed native memory at that moment, which is when a constant that autograd keeps but Java no
 * longer owns would be lost (see {@link org.genzoo.core.nn.Scalars}). Outside tests the hook is
 * never set and this is exactly {@code gc.backward(loss)}.
 */
public final class Backward {
    private static volatile Runnable beforeBackward;

    private Backward() {}

    /** {@code gc.backward(loss)}, after the test hook if one is set. */
    public static void pass(GradientCollector gc, NDArray loss) {
        Runnable hook = beforeBackward;
        if (hook != null) {
            hook.run();
        }
        gc.backward(loss);
    }

    /**
     * Runs {@code hook} before every backward pass until the returned handle is closed. For
     * tests only.
     */
    public static AutoCloseable hookForTests(Runnable hook) {
        beforeBackward = hook;
        return () -> beforeBackward = null;
    }
}
