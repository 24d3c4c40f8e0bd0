package org.genzoo.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.MarkovChainSampler;
import org.genzoo.core.MeanSampler;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.Progress;
import org.genzoo.core.Sampler;
import org.genzoo.core.TemperatureSampler;
import org.genzoo.core.UserError;
import org.genzoo.data.Datasets;
import org.genzoo.data.MixtureSpec;
import org.genzoo.data.NpyWriter;
import org.genzoo.eval.DensityGrid;
import org.genzoo.report.Pictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genzoo sample DIR -n N --out FILE}: draws samples from a trained run. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw samples from a trained run: a .png picture (an image grid, or a scatter plot for 2-D data, "
                + "at most " + SampleCommand.PICTURE_MAX + " samples), or the numbers as .csv or .npy, written in chunks "
                + "(any -n fits in memory) to a temporary file that is renamed when complete.",
                "A model of binary data gives 0/1 samples; --means gives the decoder's probabilities instead.",
                "A Markov chain sampler runs each chain --steps transitions from its start (default: the model's own "
                        + "number), chunk by chunk like any other sample.",
                "For 2-D continuous data, a .png of a model with a density (exact, or a lower bound for a VAE) also "
                        + "gets FILE-density.png beside it: a heat map of the density on a " + DensityGrid.DEFAULT_SIDE
                        + "×" + DensityGrid.DEFAULT_SIDE + " grid over the training data's range plus 10%% (built-in "
                        + "data) or the samples' range plus 10%% (other data). A sampler with no density (gan) gets none."})
final class SampleCommand implements Callable<Integer> {
    /** The most samples a picture shows. */
    static final int PICTURE_MAX = 10_000;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory written by 'genzoo train'.")
    Path dir;

    @Option(names = "-n", paramLabel = "N", defaultValue = "64", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output: .png, .csv or .npy.")
    Path out;

    @Option(names = "--force", description = "Replace --out (and FILE-density.png) if it exists.")
    boolean force;

    @Option(names = "--means", description = "Write the decoder's means E[x|z] (for a Bernoulli decoder, the probability "
            + "of each value being 1) instead of samples. Only for models with a decoder distribution (vae).")
    boolean means;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Sample at temperature T > 0: the latent noise is scaled by T (T < 1: more typical, less "
                    + "diverse samples). Only for models that have one (flows: nice, realnvp, glow); default: the "
                    + "run's own setting. The density picture is of the model itself (T = 1).")
    Double temperature;

    @Option(names = "--steps", paramLabel = "K",
            description = "Run each Markov chain for K transitions before taking its sample (default: the model's own "
                    + "number). Only for models that sample by a Markov chain; a sample's cost grows with K.")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "256m",
            description = "Engine working memory for one chunk of samples, such as 256m or 2g (default ${DEFAULT-VALUE}). "
                    + "Up to " + Runs.SAMPLE_BLOCK + " samples are drawn per seeding; a budget too small for them gives "
                    + "other samples.")
    String memory;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new UserError("-n: expected a positive whole number, got " + n);
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        OutputFiles.check(out, "--out", "samples.png", force, "--force");
        if (!name.endsWith(".png") && !name.endsWith(".csv") && !name.endsWith(".npy")) {
            throw new UserError("--out " + out + ": expected a file ending in .png, .csv or .npy");
        }
        if (name.endsWith(".png") && n > PICTURE_MAX) {
            throw new UserError("-n " + n + ": a .png picture shows at most " + PICTURE_MAX + " samples; use .csv or .npy for more");
        }
        if (temperature != null && (!(temperature > 0) || temperature.isInfinite())) {
            throw new UserError("--temperature: expected a positive number, got " + temperature);
        }
        if (steps != null && steps < 0) {
            throw new UserError("--steps: expected 0 or more transitions, got " + steps);
        }
        MemoryBudget budget = MemoryBudget.parse(memory, "--memory");
        try (Runs.Opened run = Runs.open(dir)) {
            if (!(run.model() instanceof Sampler plain)) {
                throw new UserError(dir + ": model '" + run.spec().model() + "' cannot sample");
            }
            if (temperature != null && !(plain instanceof TemperatureSampler)) {
                throw new UserError("--temperature: model '" + run.spec().model() + "' has no sampling temperature "
                        + "(flows have one: nice, realnvp, glow); drop --temperature");
            }
            if (steps != null && !(plain instanceof MarkovChainSampler)) {
                throw new UserError("--steps: model '" + run.spec().model() + "' draws a sample in one go, not by a "
                        + "Markov chain; drop --steps");
            }
            if (steps != null && (means || temperature != null)) {
                throw new UserError("--steps: a chain's samples have no " + (means ? "--means" : "--temperature")
                        + "; drop one of the two");
            }
            Sampler s = steps != null ? ((MarkovChainSampler) plain).after(steps)
                    : temperature == null ? plain : ((TemperatureSampler) plain).at(temperature);
            if (means && !(plain instanceof MeanSampler)) {
                throw new UserError("--means: model '" + run.spec().model() + "' has no decoder distribution, so no means; "
                        + "its samples are its only output (drop --means)");
            }
            engine.configure(run.spec().dataSpec());
            int dim = run.spec().dataSpec().dim();
            if (name.endsWith(".png") && !run.spec().dataSpec().isImage() && dim != 2) {
                throw new UserError("--out " + out + ": a picture needs images or 2-D data; use .csv or .npy");
            }
            if (name.endsWith(".png")) {
                Path density = null;
                if (DensityGrid.applies(run.model())) {
                    density = densityFile(out);
                    OutputFiles.check(density, "--out", "samples.png", force, "--force");
                }
                writePicture(run, s, dim, budget, density);
            } else {
                Progress progress = engine.progress(false);
                progress.start(means ? "means" : "sample", n, " rows");
                try {
                    AtomicFiles.write(out, stream -> write(stream, name.endsWith(".npy"), s, dim, budget, run, progress));
                } finally {
                    progress.end();
                }
            }
            System.out.println("wrote " + n + (means ? " means" : " samples") + " to " + out);
            if (name.endsWith(".png") && DensityGrid.applies(run.model())) {
                System.out.println("wrote the model's density to " + densityFile(out));
            }
        }
        return 0;
    }

    private void write(OutputStream stream, boolean npy, Sampler s, int dim, MemoryBudget budget, Runs.Opened run,
            Progress progress) throws IOException {
        if (npy) {
            NpyWriter.writeHeader(stream, n, dim);
        }
        Runs.draw(s, dim, n, seed, means, budget, run.root(), (flat, count) -> {
            if (npy) {
                NpyWriter.writeRows(stream, flat, count, dim);
            } else {
                StringBuilder sb = new StringBuilder(count * dim * 8);
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < dim; j++) {
                        sb.append(j == 0 ? "" : ",").append(flat[i * dim + j]);
                    }
                    sb.append('\n');
                }
                stream.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            progress.advance(count);
        });
    }

    /** {@code FILE.png} to {@code FILE-density.png}, beside it. */
    static Path densityFile(Path png) {
        String f = png.getFileName().toString();
        return png.resolveSibling(f.substring(0, f.length() - ".png".length()) + "-density.png");
    }

    private void writePicture(Runs.Opened run, Sampler s, int dim, MemoryBudget budget, Path density) {
        MixtureSpec mix = null;
        if (Datasets.builtInNames().contains(run.spec().data()) && dim == 2) {
            mix = Datasets.load(run.spec().data()).mixture().orElse(null); // toy data: cheap to regenerate
        }
        float[][] rows = new float[n][];
        int[] at = {0};
        try {
            Runs.draw(s, dim, n, seed, means, budget, run.root(), (flat, count) -> {
                for (int i = 0; i < count; i++) {
                    rows[at[0]++] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink above does no I/O
        }
        String on = run.spec().model() + " on " + Path.of(run.spec().data()).getFileName();
        if (!Pictures.samples(out, run.spec().dataSpec(), rows, mix, on)) {
            throw new UserError("--out " + out + ": a picture needs images or 2-D data; use .csv or .npy");
        }
        if (density != null) {
            float[][] around = rows;
            if (Datasets.builtInNames().contains(run.spec().data())) {
                around = Datasets.load(run.spec().data()).train().rows(); // toy data: cheap to regenerate
            }
            DensityGrid grid = DensityGrid.compute(run.model(), DensityGrid.boxAround(around, 0.1),
                    DensityGrid.DEFAULT_SIDE, run.root(), seed);
            Pictures.density(density, grid, on);
        }
    }
}
