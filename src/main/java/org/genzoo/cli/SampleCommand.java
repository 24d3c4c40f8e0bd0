package org.genzoo.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.Sampler;
import org.genzoo.core.UserError;
import org.genzoo.data.Datasets;
import org.genzoo.data.MixtureSpec;
import org.genzoo.data.NpyWriter;
import org.genzoo.report.Pictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genzoo sample DIR -n N --out FILE}: draws samples from a trained run. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples from a trained run: a .png picture (an image grid, or a scatter plot for 2-D data), "
                + "or the numbers as .csv or .npy.")
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory written by 'genzoo train'.")
    Path dir;

    @Option(names = "-n", paramLabel = "N", defaultValue = "64", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output: .png, .csv or .npy.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new UserError("-n: expected a positive whole number, got " + n);
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".csv") && !name.endsWith(".npy")) {
            throw new UserError("--out " + out + ": expected a file ending in .png, .csv or .npy");
        }
        try (Runs.Opened run = Runs.open(dir)) {
            engine.configure(run.spec().dataSpec());
            if (!(run.model() instanceof Sampler s)) {
                throw new UserError(dir + ": model '" + run.spec().model() + "' cannot sample");
            }
            MixtureSpec mix = null;
            if (Datasets.builtInNames().contains(run.spec().data()) && run.spec().dataSpec().dim() == 2) {
                mix = Datasets.load(run.spec().data()).mixture().orElse(null); // toy data: cheap to regenerate
            }
            float[][] rows = Runs.draw(s, run.spec().dataSpec().dim(), n, seed, run.root());
            if (name.endsWith(".png")) {
                if (!Pictures.samples(out, run.spec().dataSpec(), rows, mix, run.spec().model() + " on "
                        + java.nio.file.Path.of(run.spec().data()).getFileName())) {
                    throw new UserError("--out " + out + ": a picture needs images or 2-D data; use .csv or .npy");
                }
            } else if (name.endsWith(".npy")) {
                NpyWriter.write(out, rows);
            } else {
                StringBuilder sb = new StringBuilder();
                for (float[] r : rows) {
                    for (int j = 0; j < r.length; j++) {
                        sb.append(j == 0 ? "" : ",").append(r[j]);
                    }
                    sb.append('\n');
                }
                AtomicFiles.writeString(out, sb.toString());
            }
            System.out.println("wrote " + n + " samples to " + out);
        }
        return 0;
    }
}
