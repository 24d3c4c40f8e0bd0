package org.genzoo.core.optim;

import org.genzoo.core.Setting;
import org.genzoo.core.UserError;

/**
 * Which optimiser, with its settings. Immutable; validated on construction. What each setting
 * means, and its {@code --set} key, is in its {@link Setting}.
 */
public record OptimizerSpec(
        @Setting(key = "optimizer", value = "adam or sgd") String kind,
        @Setting("learning rate") double lr,
        @Setting("Adam's first-moment decay (SGD: the momentum)") double beta1,
        @Setting("Adam's second-moment decay") double beta2,
        @Setting("Adam's denominator guard (fixed: --set does not change it)") double eps) {

    /** Validates every field, naming it. */
    public OptimizerSpec {
        if (!"adam".equals(kind) && !"sgd".equals(kind)) {
            throw new UserError("optimizer: expected adam or sgd, got '" + kind + "'");
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new UserError("lr: expected a positive number, got " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new UserError("beta1: expected a number in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new UserError("beta2: expected a number in [0, 1), got " + beta2);
        }
        if (!(eps > 0)) {
            throw new UserError("eps: expected a positive number, got " + eps);
        }
    }

    /** Adam (Kingma and Ba 2015) with the given learning rate and the paper's other defaults. */
    public static OptimizerSpec adam(double lr) {
        return new OptimizerSpec("adam", lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with a given first-moment decay (GANs often use 0.5). */
    public static OptimizerSpec adam(double lr, double beta1) {
        return new OptimizerSpec("adam", lr, beta1, 0.999, 1e-8);
    }

    /** Plain SGD with momentum {@code momentum} (0 for none). */
    public static OptimizerSpec sgd(double lr, double momentum) {
        return new OptimizerSpec("sgd", lr, momentum, 0.999, 1e-8);
    }

    /** A fresh optimiser with empty state. */
    public Optimizer create() {
        return "adam".equals(kind) ? new Adam(this) : new Sgd(this);
    }
}
