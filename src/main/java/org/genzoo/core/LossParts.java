package org.genzoo.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named parts of one training step's objective, as batch means (for example reconstruction
 * and KL for a VAE, D-real, D-fake and G for a GAN). {@code loss} is the number the trainer
 * watches for NaN and shows first.
 */
public final class LossParts {
    private final Map<String, Double> parts = new LinkedHashMap<>();

    /** @param loss the step's objective (lower is better) */
    public LossParts(double loss) {
        parts.put("loss", loss);
    }

    /** Adds a named part. */
    public LossParts with(String name, double value) {
        parts.put(name, value);
        return this;
    }

    /** The objective. */
    public double loss() {
        return parts.get("loss");
    }

    /** Every part, "loss" first. */
    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(parts);
    }

    /** True when any part is NaN or infinite. */
    public boolean hasNonFinite() {
        for (double v : parts.values()) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
