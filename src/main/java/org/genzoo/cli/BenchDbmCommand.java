package org.genzoo.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.AnnealingPath;
import org.genzoo.core.Batches;
import org.genzoo.core.Energy;
import org.genzoo.core.ExactPartition;
import org.genzoo.core.Seeds;
import org.genzoo.core.UserError;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.Split;
import org.genzoo.data.View;
import org.genzoo.eval.Ais;
import org.genzoo.explicit.approximate.markov.Dbm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code genzoo bench dbm DIR}: a deep Boltzmann machine's test NLL as Salakhutdinov and Hinton
 * (2009) estimate it: AIS for log Z along the DBM's path (base: independent visible units with the
 * training data's marginals), with its spread and wall time, and the mean-field bound
 * {@code mean F_mf(x) + log Ẑ} (an upper bound on the NLL were Ẑ exact). For a tiny DBM it prints
 * the exact log Z and the exact test NLL beside them, so the bound's gap and AIS's error show.
 * {@code bench ais} does the same for RBMs, whose free energy is exact.
 */
@Command(name = "dbm", mixinStandardHelpOptions = true,
        description = "A DBM's test NLL: AIS log Z with the mean-field bound, and the exact figures for tiny models.")
final class BenchDbmCommand implements Callable<Integer> {
    /** Enumerations up to this many terms are done for the exact log Z. */
    private static final long EXACT_TERMS = 1L << 22;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory of a model that has an annealing path.")
    Path dir;

    @Option(names = "--runs", defaultValue = "100", description = "Independent AIS runs M (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--intermediates", defaultValue = "20000",
            description = "Intermediate distributions K (default ${DEFAULT-VALUE}, as Salakhutdinov & Hinton 2009).")
    int intermediates;

    @Option(names = "--split", defaultValue = "test", description = "Split to score (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", defaultValue = "0", description = "Score the first N examples only (0: all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the AIS runs (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new UserError("--runs: expected a positive whole number, got " + runs);
        }
        if (intermediates < 3) {
            throw new UserError("--intermediates: expected 3 or more, got " + intermediates);
        }
        if (limit < 0) {
            throw new UserError("--limit: expected 0 or more, got " + limit);
        }
        try (Runs.Opened run = Runs.open(dir)) {
            if (!(run.model() instanceof Dbm a)) {
                throw new UserError(dir + ": a " + run.spec().model() + " run, not a dbm (for an rbm: genzoo bench ais)");
            }
            Dataset ds = Datasets.load(run.spec().data(), LoadOptions.defaults());
            engine.configure(ds.spec());
            NDManager root = run.model().params().manager();
            System.out.printf("%s on %s: AIS with M = %d runs, K = %d intermediate distributions, seed %d%n",
                    run.spec().model(), ds.name(), runs, intermediates, seed);
            Ais.Result r;
            try (NDManager m = root.newSubManager()) {
                NDArray mean = m.create(columnMeans(ds.train()));
                AnnealingPath path = a.annealingPath(mean);
                Seeds.seedEngine(seed, "ais", 0);
                r = Ais.logPartition(path, runs, intermediates, m);
            }
            System.out.printf("  log Z (AIS)     %.3f ± %.3f (3σ interval %.3f .. %.3f), %.1f s%n", r.logZ(),
                    r.standardError(), r.logZLow(), r.logZHigh(), r.seconds());
            OptionalDouble exact = run.model() instanceof ExactPartition e ? e.exactLogPartition(EXACT_TERMS)
                    : OptionalDouble.empty();
            if (exact.isPresent()) {
                System.out.printf("  log Z (exact)   %.3f (AIS error %+.3f)%n", exact.getAsDouble(),
                        r.logZ() - exact.getAsDouble());
            }
            Energy en = a;
            Split s = ds.split(split);
            if (limit > 0 && s.size() > limit) {
                s = s.head(limit);
            }
            View view = run.model().input().evaluationView(ds.spec().kind());
            // the same fixed binarisation as genzoo eval, so the figures compare with its others
            s = view.prepare(s, View.splitSeed(org.genzoo.eval.EvalOptions.defaults().seed(), split));
            long t0 = System.nanoTime();
            double sum = 0;
            try (NDManager m = root.newSubManager()) {
                for (float v : Batches.perRow(s.toNDArray(m), view, 500, root, en::energy, k -> { })) {
                    sum += v;
                }
            }
            double meanEnergy = sum / s.size();
            String what = en.exactEnergy() ? "free energy F(x)" : "mean-field bound F_mf(x) >= F(x)";
            System.out.printf("  mean %s on %d %s examples: %.3f nats (%.1f s)%n", what, s.size(), split, meanEnergy,
                    (System.nanoTime() - t0) / 1e9);
            System.out.printf("  test NLL estimate (AIS log Z%s): %.2f nats%n",
                    en.exactEnergy() ? "" : ", mean-field bound", meanEnergy + r.logZ());
            if (exact.isPresent()) {
                System.out.printf("  test NLL with the exact log Z%s: %.2f nats%n",
                        en.exactEnergy() ? "" : " (an upper bound)", meanEnergy + exact.getAsDouble());
            }
            if (exact.isPresent() && a.config().hidden2() <= 16) {
                // tiny DBM: the exact log p(x) too (h2 enumerated, h1 summed), so the bound's gap shows
                double lp = 0;
                try (NDManager m = root.newSubManager()) {
                    for (float v : Batches.perRow(s.toNDArray(m), view, 100, root, a::exactLogUnnormalised, k -> { })) {
                        lp += v;
                    }
                }
                System.out.printf("  test NLL, exact (enumeration): %.2f nats%n", exact.getAsDouble() - lp / s.size());
            }
            System.out.println("  AIS is unbiased for Z, so log Z tends to be underestimated and the NLL with it.");
            System.out.printf("  command: genzoo bench dbm %s --runs %d --intermediates %d --split %s --limit %d --seed %d%n",
                    dir, runs, intermediates, split, limit, seed);
        }
        return 0;
    }

    /** Per-column means of a split, in double precision: the base model's marginals. */
    private static float[] columnMeans(Split s) {
        double[] acc = new double[s.dim()];
        float[] v = s.values();
        for (int r = 0; r < s.size(); r++) {
            for (int d = 0; d < s.dim(); d++) {
                acc[d] += v[r * s.dim() + d];
            }
        }
        float[] out = new float[s.dim()];
        for (int d = 0; d < out.length; d++) {
            out[d] = (float) (acc[d] / s.size());
        }
        return out;
    }
}
