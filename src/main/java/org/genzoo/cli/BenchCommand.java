package org.genzoo.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.RunSpec;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.Dataset;
import org.genzoo.eval.Estimators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code genzoo bench throughput}: what the trainer's generality costs. The same VAE
 * (784-500-500-50, batch 100) trains once through {@link Trainer} (shuffling, data view,
 * logging, validation switched off) and once in a bare loop that calls the model's step on
 * contiguous slices of the data; both print examples per second.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures and the command that produced them.",
        subcommands = {BenchCommand.Throughput.class, BenchAis.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new org.genzoo.core.UserError("bench: name a benchmark (throughput, ais, dbm)");
    }

    /** Trainer against a bare loop. */
    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = "VAE training throughput through the trainer and in a bare loop, in examples per second.")
    static final class Throughput implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "mnist", description = "Data (default ${DEFAULT-VALUE}).")
        String data;

        @Option(names = "--steps", defaultValue = "500", description = "Steps per measurement (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--repeats", defaultValue = "3", description = "Alternating measurements of each (default ${DEFAULT-VALUE}).")
        int repeats;

        @Mixin
        DataOptions dataOptions;

        @Mixin
        Engines engine;

        @Override
        public Integer call() {
            Dataset ds = dataOptions.load(data);
            engine.configure(ds.spec());
            RunSpec spec = Runs.spec(new Runs.Request("vae", Map.of("batch", "100", "log_every", "1000000"), 1, 0L,
                    steps), ds);
            double[] trainer = new double[repeats];
            double[] bare = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                try (NDManager root = NDManager.newBaseManager(); GenerativeModel m = Runs.build(spec, root)) {
                    TrainResult res = new Trainer(List.of(), Estimators::validation).train(m, ds, spec.train(), null, false);
                    trainer[r] = res.examplesPerSecond();
                }
                try (NDManager root = NDManager.newBaseManager(); GenerativeModel m = Runs.build(spec, root);
                        OptimizerSet opt = new OptimizerSet(m.params(), m.parameterGroups(),
                                m.optimizerSpecs(spec.train().optimizer()), spec.train().optimizer());
                        NDManager dm = root.newSubManager()) {
                    NDArray x = ds.train().toNDArray(dm);
                    var view = m.input().trainingView(ds.spec().kind());
                    long t0 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        try (NDManager sm = root.newSubManager()) {
                            NDArray b = x.get((s * 100L) % 49_900 + ":" + ((s * 100L) % 49_900 + 100));
                            b.attach(sm);
                            m.trainStep(view.apply(b), opt, sm);
                        }
                    }
                    bare[r] = steps * 100.0 / ((System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("repeat %d: trainer %.0f examples/s, bare loop %.0f examples/s%n", r + 1, trainer[r],
                        bare[r]);
            }
            java.util.Arrays.sort(trainer);
            java.util.Arrays.sort(bare);
            double t = trainer[repeats / 2];
            double b = bare[repeats / 2];
            System.out.printf("median: trainer %.0f, bare loop %.0f examples/s; trainer/bare = %.3f; "
                    + "7.37 MFLOP per example -> %.1f GFLOP/s through the trainer%n", t, b, t / b, t * 7.37e-3);
            System.out.println("command: genzoo bench throughput --data " + data + " --steps " + steps + " --repeats "
                    + repeats + (engine.threads == null ? "" : " --threads " + engine.threads));
            return 0;
        }
    }
}
