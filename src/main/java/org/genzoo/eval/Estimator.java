package org.genzoo.eval;

import java.util.List;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.ValidationScore;

/**
 * One way of scoring a model: an exact log-likelihood, a bound, an estimate, a sample-quality
 * count, a cost. It names the capability it needs, may give a further reason not to apply to a
 * given model and data, and computes its figures, each with its kind (exact, bound, estimate) and
 * its options in the estimator text. Every estimator is registered once, in
 * {@link Estimators#ALL}; {@code genzoo eval --metrics} takes their names.
 *
 * <p>A new estimator is one class implementing this interface plus one line in that list.
 */
public interface Estimator {

    /** When an estimator runs if {@code --metrics} names none. */
    enum Role {
        /** Always, when it applies. */
        DEFAULT,
        /**
         * A likelihood estimate that runs only for models that no {@link #likelihood()} estimator of
         * role {@link #DEFAULT} applies to (Parzen, for a model that only samples).
         */
        FALLBACK,
        /** Only when named. */
        ON_REQUEST
    }

    /** The name {@code --metrics} takes, such as {@code iwae}. */
    String name();

    /** One line for {@code --help} and {@code list}: what it computes and where it comes from. */
    String summary();

    /** The capability interface (in {@code org.genzoo.core}) a model must implement. */
    Class<?> capability();

    /** When it runs without being named; see {@link Role}. */
    default Role role() {
        return Role.DEFAULT;
    }

    /**
     * Whether it gives each scored example a log-likelihood (exact, bound or estimate), which the
     * {@code --per-example} file can hold.
     */
    default boolean likelihood() {
        return false;
    }

    /**
     * Why it does not apply to this model on this data beyond the capability, which the registry
     * checks first (for example: data without known modes; log Z too costly to enumerate).
     *
     * @return one line, or null when it applies
     */
    default String whyNot(EvalContext c) {
        return null;
    }

    /**
     * The score the trainer may watch on validation data every epoch, for a model this estimator
     * fits, when it is cheap and steady enough for that; null otherwise (the default).
     */
    default ValidationScore validation(GenerativeModel model) {
        return null;
    }

    /** Computes its figures. Called only when it applies. */
    Estimate estimate(EvalContext c);

    /**
     * What an estimator computed.
     *
     * @param metrics its figures, in display order
     * @param perExample each scored example's log-likelihood (or bound, or estimate) in nats, in
     *     data order, or null
     * @param column the {@code --per-example} column for {@code perExample}, or null
     */
    record Estimate(List<Metric> metrics, float[] perExample, String column) {
        /** Figures only, nothing per example. */
        public Estimate(List<Metric> metrics) {
            this(metrics, null, null);
        }
    }
}
