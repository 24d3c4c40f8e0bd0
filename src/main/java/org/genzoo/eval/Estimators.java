package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.genzoo.core.Capabilities;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.UserError;
import org.genzoo.core.ValidationScore;

/**
 * The registry of estimators: every way genzoo scores a model, in one list, the way
 * {@code org.genzoo.Zoo} lists the models. {@code eval} runs every estimator that applies (or
 * those {@code --metrics} names) and reports each separately; {@code list} shows which apply to
 * each model; the trainer's validation score is chosen here too. Nothing else dispatches on
 * capabilities to pick a figure.
 *
 * <p>Order matters twice: figures are reported in this order, and the first likelihood estimator
 * that applies by default is the model's primary one (what {@value #NLL} runs and what
 * {@code --per-example} writes).
 */
public final class Estimators {
    /** The name that runs a model's primary likelihood estimator and the floor. */
    public static final String NLL = "nll";

    /** Every estimator, in report order. */
    public static final List<Estimator> ALL = List.of(
            new ExactLikelihood(),
            new PartitionExact(),
            new AisEstimate(),
            ImportanceBound.IWAE,
            ImportanceBound.ELBO,
            new ParzenEstimate(),
            new Floor(),
            new Modes(),
            new SamplingTime(),
            new Mixing(),
            new ModeVisits());

    private Estimators() {}

    /** The registered names. */
    public static List<String> names() {
        return ALL.stream().map(Estimator::name).toList();
    }

    /** Every name {@code --metrics} takes: {@value #NLL}, then the registered names. */
    public static List<String> metricNames() {
        List<String> out = new ArrayList<>();
        out.add(NLL);
        out.addAll(names());
        return out;
    }

    /** The estimator called {@code name}. */
    public static Estimator get(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("--metrics: unknown metric '" + name + "'; expected some of "
                        + String.join(",", metricNames())));
    }

    /** Whether a model of class {@code type} has the capability {@code e} needs. */
    public static boolean fits(Estimator e, Class<?> type) {
        return e.capability().isAssignableFrom(type);
    }

    /**
     * The estimators a model of class {@code type} has the capabilities for, whatever the data (what
     * {@code list} shows).
     */
    public static List<Estimator> forType(Class<?> type) {
        return ALL.stream().filter(e -> fits(e, type)).toList();
    }

    /** Why {@code e} does not apply in {@code c}, in one line, or null when it does. */
    public static String whyNot(Estimator e, EvalContext c) {
        if (!fits(e, c.model().getClass())) {
            return "it needs a model with " + Capabilities.label(e.capability());
        }
        return e.whyNot(c);
    }

    /** The estimators that apply in {@code c}, whether by default or on request. */
    public static List<Estimator> applicable(EvalContext c) {
        return ALL.stream().filter(e -> whyNot(e, c) == null).toList();
    }

    /**
     * The model's primary likelihood estimator: the first likelihood estimator of role
     * {@link Estimator.Role#DEFAULT} that applies, else the first fallback that does; null when none
     * does.
     */
    public static Estimator primary(EvalContext c) {
        for (Estimator.Role r : List.of(Estimator.Role.DEFAULT, Estimator.Role.FALLBACK)) {
            for (Estimator e : ALL) {
                if (e.likelihood() && e.role() == r && whyNot(e, c) == null) {
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * The estimators to run, in report order: those {@code --metrics} names ({@value #NLL} standing
     * for the primary likelihood estimator and the floor, when they apply), or, when it names none,
     * every one that applies by default (a fallback only when no default likelihood estimator
     * applies).
     *
     * @throws UserError when a named estimator does not apply, naming why and those that do
     */
    public static List<Estimator> select(EvalContext c) {
        List<String> named = c.options().metrics();
        Set<Estimator> chosen = new LinkedHashSet<>();
        if (named.isEmpty()) {
            boolean likelihood = false;
            for (Estimator e : ALL) {
                if (e.role() == Estimator.Role.DEFAULT && whyNot(e, c) == null) {
                    chosen.add(e);
                    likelihood |= e.likelihood();
                }
            }
            if (!likelihood) {
                for (Estimator e : ALL) {
                    if (e.role() == Estimator.Role.FALLBACK && whyNot(e, c) == null) {
                        chosen.add(e);
                    }
                }
            }
        } else {
            for (String n : named) {
                if (n.equals(NLL)) {
                    Estimator p = primary(c);
                    if (p == null) {
                        throw notApplicable(c, NLL, "the model has no density, bound, energy or sampler");
                    }
                    chosen.add(p);
                    Estimator floor = get("floor");
                    if (whyNot(floor, c) == null) {
                        chosen.add(floor);
                    }
                    continue;
                }
                Estimator e = get(n);
                String why = whyNot(e, c);
                if (why != null) {
                    throw notApplicable(c, n, why);
                }
                chosen.add(e);
            }
        }
        return ALL.stream().filter(chosen::contains).toList();
    }

    private static UserError notApplicable(EvalContext c, String name, String why) {
        List<String> ok = new ArrayList<>();
        if (primary(c) != null) {
            ok.add(NLL);
        }
        applicable(c).forEach(e -> ok.add(e.name()));
        return new UserError("--metrics " + name + ": does not apply to " + c.model().kind() + " on " + c.data().name()
                + " (" + why + "); metrics that apply: " + (ok.isEmpty() ? "none" : String.join(",", ok)));
    }

    /**
     * The validation score the trainer watches: that of the first estimator that fits the model and
     * offers one ({@link Estimator#validation}): the exact NLL for an exact density, else the
     * negative ELBO for a lower bound; null (no score) for any other model.
     */
    public static ValidationScore validation(GenerativeModel model) {
        for (Estimator e : ALL) {
            ValidationScore v = fits(e, model.getClass()) ? e.validation(model) : null;
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A score from its name and per-example function. */
    static ValidationScore score(String name, UnaryOperator<NDArray> f) {
        return new ValidationScore() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public NDArray perExample(NDArray x) {
                return f.apply(x);
            }
        };
    }
}
