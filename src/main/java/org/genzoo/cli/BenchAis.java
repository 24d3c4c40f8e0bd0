package org.genzoo.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.Annealable;
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
import org.genzoo.eval.EvalOptions;
import org.genzoo.explicit.approximate.markov.Dbm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code genzoo bench ais RUN}: annealed importance sampling on a trained Boltzmann machine, for
 * each number of intermediate distributions K and of runs M asked: log Z with its spread and wall
 * time, the exact log Z beside it when the model is small enough, and the mean test NLL
 * {@code F(x) + log Ẑ} (an estimate that tends to be too low, since log Ẑ tends to be). For a deep
 * Boltzmann machine F is the mean-field bound, so the figure estimates an upper bound on the NLL;
 * a DBM small enough to enumerate also gets its exact test NLL, so the bound's gap shows.
 * {@code bench dbm} is the same command under the name the DBM's benchmarks were first recorded with.
 */
@Command(name = "ais", aliases = "dbm", mixinStandardHelpOptions = true,
        description = "AIS estimates of log Z of a trained Boltzmann machine (rbm, grbm, dbm) against K and M, with "
                + "the exact value when it is cheap, and the test NLL with each estimate.")
final class BenchAis implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory of an rbm, grbm or dbm.")
    Path dir;

    @Option(names = "--intermediates", split = ",", defaultValue = "14500",
            description = "Numbers K of intermediate distributions (default ${DEFAULT-VALUE}, Salakhutdinov & Murray's).")
    List<Integer> intermediates;

    @Option(names = "--runs", split = ",", defaultValue = "100", description = "Numbers M of AIS runs (default ${DEFAULT-VALUE}).")
    List<Integer> runs;

    @Option(names = "--repeats", defaultValue = "1", description = "Independent estimates per (K, M) (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--limit", defaultValue = "0", description = "Score the first N test examples (0: all).")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the AIS runs (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        try (Runs.Opened run = Runs.open(dir)) {
            if (!(run.model() instanceof Annealable a) || !(run.model() instanceof Energy e)) {
                throw new UserError(dir + ": " + run.spec().model() + " has no annealing path for AIS");
            }
            Dataset ds = Datasets.load(run.spec().data(), LoadOptions.defaults());
            engine.configure(ds.spec());
            NDManager root = run.root();
            View view = run.model().input().evaluationView(ds.spec().kind());
            Split test = ds.test();
            if (limit > 0 && limit < test.size()) {
                test = test.head(limit);
            }
            // the same fixed binarisation of the test split as genzoo eval uses
            NDArray x = view.prepare(test, View.splitSeed(EvalOptions.defaults().seed(), "test")).toNDArray(root);
            double meanF = 0;
            for (float f : Batches.perRow(x, View.IDENTITY, 500, root, e::energy, k -> { })) {
                meanF += f;
            }
            meanF /= x.getShape().get(0);
            NDArray mean = ds.train().toNDArray(root).mean(new int[] {0});
            OptionalDouble exact = run.model() instanceof ExactPartition p ? p.exactLogPartition(1L << 24)
                    : OptionalDouble.empty();
            String energy = e.exactEnergy() ? "free energy F(x)" : "mean-field bound F_mf(x) >= F(x)";
            String nll = e.exactEnergy() ? "test NLL" : "test NLL bound (mean-field)";
            System.out.printf("%s on %s: mean %s of %d test examples %.4f nats%n", run.spec().model(),
                    ds.name(), energy, x.getShape().get(0), meanF);
            if (exact.isPresent()) {
                System.out.printf("exact log Z %.4f, %s with it %.4f nats%n", exact.getAsDouble(), nll,
                        meanF + exact.getAsDouble());
            }
            if (exact.isPresent() && run.model() instanceof Dbm d && d.config().hidden2() <= 16) {
                // a tiny DBM: log p(x) exactly too (h2 enumerated, h1 summed), so the bound's gap shows
                double lp = 0;
                for (float v : Batches.perRow(x, View.IDENTITY, 100, root, d::exactLogUnnormalised, k -> { })) {
                    lp += v;
                }
                System.out.printf("exact test NLL (enumeration) %.4f nats%n", exact.getAsDouble() - lp / x.getShape().get(0));
            }
            int i = 0;
            for (int k : intermediates) {
                for (int m : runs) {
                    List<Double> errs = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        Seeds.seedEngine(seed, "ais", i++);
                        Ais.Result res = Ais.logPartition(a.annealingPath(mean), m, k, root);
                        System.out.printf("K=%d M=%d: log Z %.4f (s.e. %.4f; log(Z ± 3σ) = [%.4f, %.4f]), %s "
                                + "%.4f nats, %.1f s%s%n", k, m, res.logZ(), res.standardError(), res.logZLow(),
                                res.logZHigh(), nll, meanF + res.logZ(), res.seconds(), exact.isPresent()
                                        ? String.format(", error %.4f", res.logZ() - exact.getAsDouble()) : "");
                        if (exact.isPresent()) {
                            errs.add(res.logZ() - exact.getAsDouble());
                        }
                    }
                    if (repeats > 1 && !errs.isEmpty()) {
                        double mu = errs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                        double rms = Math.sqrt(errs.stream().mapToDouble(v -> v * v).average().orElse(Double.NaN));
                        System.out.printf("K=%d M=%d over %d repeats: mean error %.4f, rms error %.4f%n", k, m,
                                repeats, mu, rms);
                    }
                }
            }
            System.out.println("AIS is unbiased for Z, so log Z tends to be underestimated and the NLL with it.");
            System.out.println("command: genzoo bench ais " + dir + " --intermediates "
                    + String.join(",", intermediates.stream().map(String::valueOf).toList()) + " --runs "
                    + String.join(",", runs.stream().map(String::valueOf).toList()) + " --repeats " + repeats
                    + (limit > 0 ? " --limit " + limit : "") + " --seed " + seed
                    + (engine.threads == null ? "" : " --threads " + engine.threads));
            return 0;
        }
    }
}
