package org.genzoo.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capability interfaces, in one list, each with the words {@code list} and error messages use
 * for it. What a model can do is read from the interfaces its class implements, here and nowhere
 * else; which estimators that allows is the evaluator's registry's business.
 */
public final class Capabilities {
    private static final Map<Class<?>, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put(Sampler.class, "sample");
        LABELS.put(MarkovChainSampler.class, "Markov chain sampling (sample --steps)");
        LABELS.put(ExactDensity.class, "exact log-density");
        LABELS.put(LowerBound.class, "lower bound (ELBO/IWAE)");
        LABELS.put(Energy.class, "unnormalised energy");
        LABELS.put(ExactPartition.class, "exact log Z of small models");
        LABELS.put(Annealable.class, "annealing path (AIS)");
        LABELS.put(GenerativeModel.class, "any model");
    }

    private Capabilities() {}

    /** The capabilities a model class has, by label, in the list's order ("any model" left out). */
    public static List<String> of(Class<?> type) {
        List<String> out = new ArrayList<>();
        LABELS.forEach((c, label) -> {
            if (c != GenerativeModel.class && c.isAssignableFrom(type)) {
                out.add(label);
            }
        });
        return out;
    }

    /** The label of one capability interface, or its simple name when it has none. */
    public static String label(Class<?> capability) {
        return LABELS.getOrDefault(capability, capability.getSimpleName());
    }
}
