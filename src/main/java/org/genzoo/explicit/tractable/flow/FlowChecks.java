package org.genzoo.explicit.tractable.flow;

import org.genzoo.core.UserError;

/** Validation shared by the flow presets' hyperparameter records: one-line errors naming the setting. */
final class FlowChecks {
    /** Meaning of every flow preset's {@code activation} setting. */
    static final String ACTIVATION = "nonlinearity of the coupling networks: relu, leaky_relu, tanh, softplus, "
            + "sigmoid or linear";
    /** Meaning of every flow preset's {@code logitAlpha} setting. */
    static final String LOGIT_ALPHA = "alpha of the logit transform y = logit(alpha + (1 - 2 alpha) x) applied "
            + "first to grey images (ignored for real-valued data)";
    /** Meaning of every flow preset's {@code temperature} setting. */
    static final String TEMPERATURE = "default sampling temperature T: z is scaled by T (1: the model itself)";

    private FlowChecks() {}

    static void positive(int v, String name) {
        if (v < 1) {
            throw new UserError(name + ": expected a positive whole number, got " + v);
        }
    }

    static void alpha(double a) {
        if (!(a >= 0 && a < 0.5)) {
            throw new UserError("logitAlpha: expected a number in [0, 0.5), got " + a);
        }
    }

    static void temperature(double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new UserError("temperature: expected a positive number, got " + t);
        }
    }

    static void oneOf(String v, String name, String... allowed) {
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        throw new UserError(name + ": expected one of " + String.join(", ", allowed) + "; got '" + v + "'");
    }
}
