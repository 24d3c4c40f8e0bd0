package org.genzoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genzoo.Runs;
import org.genzoo.core.CsvLog;
import org.genzoo.core.RunSpec;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genzoo train MODEL --data D}: trains one model into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on a data set into a run directory (config.json, model.params, checkpoint.bin, "
                + "log.csv, metrics.json, samples.png).",
                "Training checkpoints at every epoch; --resume continues an interrupted run and ends with the "
                        + "parameters an uninterrupted run would have."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model name (see 'genzoo list'), e.g. vae or gan.")
    String model;

    @Option(names = "--data", paramLabel = "D", required = true,
            description = "Data: mnist, fashion-mnist, ring8, grid25, moons, checkerboard, binary-synthetic, "
                    + "a folder of IDX files, or a .csv/.npy file.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: the model's default for the data).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "The one seed of the run: initialisation, shuffling, noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/MODEL-DATA).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting of the model (e.g. latent=20, encoderHidden=200,200) or of training "
                    + "(batch, lr, lr_decay, optimizer=adam|sgd, beta1, beta2, patience, log_every). Repeatable.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--max-batches", paramLabel = "N", defaultValue = "0",
            description = "At most N steps per epoch (0: all). For smoke runs.")
    int maxBatches;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        Dataset ds = dataOptions.load(data);
        engine.configure(ds.spec());
        Path dir = out != null ? out : Path.of("runs", model + "-" + Path.of(data).getFileName());
        RunSpec spec = Runs.spec(new Runs.Request(model, sets, epochs, seed, maxBatches), ds);
        TrainResult r = Runs.train(spec, ds, dir, resume,
                List.of(engine.progress(false), new CsvLog(dir.resolve(Trainer.LOG))));
        System.out.printf("trained %s on %s: %d epoch%s, %d steps, %.1f s, %.0f examples/s%s%n", model, data, r.epochs(),
                r.epochs() == 1 ? "" : "s", r.steps(), r.seconds(), r.examplesPerSecond(), r.bestValid() == null ? ""
                        : String.format(", best valid %s %.4f at epoch %d", r.validation(), r.bestValid(), r.bestEpoch()));
        System.out.println("run directory: " + dir);
        return 0;
    }
}
