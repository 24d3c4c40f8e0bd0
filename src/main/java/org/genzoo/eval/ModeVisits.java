package org.genzoo.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.Seeds;
import org.genzoo.data.MixtureSpec;

/**
 * {@code visits}: how many transitions a Markov chain sampler needs to visit every mode of a toy
 * mixture from one start: the tutorial's charge that such chains mix slowly between modes
 * (Goodfellow 2016, section 2), as a number. M chains ({@code --mixing-chains}) all start from the
 * same state, one draw of the model's initial state, and run on independent random numbers; a
 * chain visits a mode when its sample lies within 3 standard deviations of that mode's centre
 * (the high-quality test of {@code modes}, see {@link ModeCoverage}). Each chain's figure is the
 * first transition after which it has visited every mode (the start counts); the median over the
 * chains is reported. A chain that has not visited them all after {@code --mixing-steps}
 * transitions is censored there, and when the median chain is, the figure is that cap and says so:
 * a lower bound.
 */
final class ModeVisits implements Estimator {
    @Override
    public String name() {
        return "visits";
    }

    @Override
    public String summary() {
        return "transitions a Markov chain sampler needs to visit every mode of a toy mixture from one start (median of"
                + " --mixing-chains chains, at most --mixing-steps transitions)";
    }

    @Override
    public Class<?> capability() {
        return MarkovChainSampler.class;
    }

    @Override
    public String whyNot(EvalContext c) {
        return c.data().mixture().isEmpty() ? "it needs data with known modes, such as ring8 or grid25" : null;
    }

    @Override
    public Estimate estimate(EvalContext c) {
        MarkovChainSampler s = (MarkovChainSampler) c.model();
        MixtureSpec mix = c.data().mixture().get();
        EvalOptions o = c.options();
        Result r = run(s, mix, o.mixingChains(), o.mixingSteps(), o.seed(), c);
        int chains = r.steps().length;
        long done = Arrays.stream(r.steps()).filter(t -> t >= 0).count();
        String start = Arrays.toString(r.start());
        String how = String.format("median of %d chains from one start %s, at most %d transitions", chains, start,
                o.mixingSteps());
        double median = r.median();
        boolean censored = median < 0;
        List<Metric> out = new ArrayList<>();
        out.add(new Metric("steps_all_modes", censored ? o.mixingSteps() : median, "transitions", how, Metric.ESTIMATE,
                (censored ? "more than this: the median chain had not visited every mode when stopped; " : "")
                        + String.format("transitions until a chain has visited all %d modes (within 3 std of a centre)",
                                mix.modes())));
        out.add(new Metric("chains_all_modes", done, "of " + chains, how, Metric.ESTIMATE,
                String.format("chains that visited every mode; the fewest modes any chain visited: %d of %d",
                        r.fewestModes(), mix.modes())));
        return new Estimate(out);
    }

    /**
     * What the chains did.
     *
     * @param steps per chain, the transition after which it had visited every mode, or -1
     * @param fewestModes the fewest modes any chain visited
     * @param start the chains' common starting point (its data-space part)
     */
    record Result(int[] steps, int fewestModes, float[] start) {
        /** The median of {@link #steps}, censored chains counting as the largest; -1 when the median chain is censored. */
        double median() {
            double[] v = Arrays.stream(steps).mapToDouble(t -> t < 0 ? Double.POSITIVE_INFINITY : t).sorted().toArray();
            int n = v.length;
            double m = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return Double.isInfinite(m) ? -1 : m;
        }
    }

    /** Runs {@code chains} chains from one start until each has visited every mode or {@code cap} transitions. */
    static Result run(MarkovChainSampler s, MixtureSpec mix, int chains, int cap, long seed, EvalContext c) {
        Seeds.seedEngine(seed, "eval-visits", 0);
        int k = mix.modes();
        boolean[][] seen = new boolean[chains][k];
        int[] count = new int[chains];
        int[] steps = new int[chains];
        Arrays.fill(steps, -1);
        int open = chains;
        float[] start;
        c.progress().start("visits", cap, " steps");
        try (NDManager chain = c.root().newSubManager()) {
            NDArray one = s.initialState(chain, 1);
            NDArray state = one.repeat(0, chains); // every chain starts from the same state
            try (NDManager sm = chain.newSubManager()) {
                NDArray copy = one.duplicate();
                copy.attach(sm);
                start = s.visible(copy).toFloatArray();
            }
            for (int t = 0; t <= cap && open > 0; t++) {
                if (t > 0) {
                    state = s.advance(chain, state);
                    c.progress().advance(1);
                }
                float[] v;
                try (NDManager sm = chain.newSubManager()) {
                    NDArray copy = state.duplicate(); // the visible part's arrays follow it into sm
                    copy.attach(sm);
                    v = s.visible(copy).toFloatArray();
                }
                int[] mode = nearModes(v, mix);
                for (int m = 0; m < chains; m++) {
                    if (steps[m] >= 0 || mode[m] < 0 || seen[m][mode[m]]) {
                        continue;
                    }
                    seen[m][mode[m]] = true;
                    if (++count[m] == k) {
                        steps[m] = t;
                        open--;
                    }
                }
            }
        } finally {
            c.progress().end();
        }
        return new Result(steps, Arrays.stream(count).min().orElse(0), start);
    }

    /** For each row of {@code flat}, the mode within 3 std of which it lies (the nearest centre), or -1. */
    static int[] nearModes(float[] flat, MixtureSpec mix) {
        int d = mix.centres()[0].length;
        int n = flat.length / d;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            ModeCoverage.Counts one = ModeCoverage.count(Arrays.copyOfRange(flat, i * d, (i + 1) * d), mix, 1);
            out[i] = -1;
            for (int m = 0; m < one.perMode().length; m++) {
                if (one.perMode()[m] > 0) {
                    out[i] = m;
                }
            }
        }
        return out;
    }
}
