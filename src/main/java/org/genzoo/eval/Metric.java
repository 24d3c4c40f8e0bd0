package org.genzoo.eval;

/**
 * One figure of an evaluation, with how it was obtained.
 *
 * @param name metric name, such as {@code nll}
 * @param value the figure
 * @param unit its unit, such as {@code nats}
 * @param estimator how it was computed, such as {@code IWAE k=5000}
 * @param kind {@code exact}, {@code bound} (then {@code note} says which side) or {@code estimate}
 * @param note one line for a reader: what the number means
 * @param source the registered name of the {@link Estimator} that gave it (such as {@code iwae}),
 *     or empty when none did
 */
public record Metric(String name, double value, String unit, String estimator, String kind, String note,
        String source) {

    /** A figure not (yet) tied to a registered estimator: {@link Estimators} fills in the source. */
    public Metric(String name, double value, String unit, String estimator, String kind, String note) {
        this(name, value, unit, estimator, kind, note, "");
    }

    /** A copy that says which registered estimator gave it. */
    public Metric withSource(String source) {
        return new Metric(name, value, unit, estimator, kind, note, source);
    }

    /** Kind: computed exactly. */
    public static final String EXACT = "exact";
    /** Kind: a bound. */
    public static final String BOUND = "bound";
    /** Kind: a stochastic or heuristic estimate. */
    public static final String ESTIMATE = "estimate";

    /** The value in short form for a table cell, with "≤" for an upper bound. */
    public String cell() {
        String prefix = BOUND.equals(kind) && note != null && note.startsWith("upper") ? "≤ " : "";
        String v = Math.abs(value) >= 1000 || value == Math.rint(value) ? String.format("%.0f", value)
                : String.format("%.3g", value);
        if (Math.abs(value) < 1000 && Math.abs(value) >= 10) {
            v = String.format("%.2f", value);
        }
        return prefix + v + (unit.isEmpty() ? "" : " " + unit);
    }
}
