package org.genzoo.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.genzoo.Runs;
import org.genzoo.core.CsvLog;
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
                        + "parameters an uninterrupted run would have.",
                "On --resume the run's stored settings hold. Training settings given again with a new value "
                        + "(--epochs, --max-batches, --set batch, lr, lr_decay, beta1, beta2, patience, log_every) "
                        + "apply from the next epoch and are recorded under \"resumed\" in config.json; the "
                        + "learning rate of epoch e stays lr*lr_decay^(e-1) with the new values. A different model "
                        + "setting, optimizer, --seed or data is an error.",
                "One training at a time per run directory: a second one is refused while the first holds "
                        + "DIR/.lock (released on exit, also when the process is killed)."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "Model name (see 'genzoo list'), e.g. vae or gan.")
    String model;

    @Option(names = "--data", paramLabel = "D", required = true,
            description = "Data: mnist, fashion-mnist, ring8, grid25, moons, checkerboard, binary-synthetic, "
                    + "a folder of IDX files, or a .csv/.npy file.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: the model's default for the data).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S",
            description = "The one seed of the run: initialisation, shuffling, noise (default 0; on --resume the "
                    + "run's own, and another value is an error).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default runs/MODEL-DATA).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a setting of the model (e.g. latent=20, encoderHidden=200,200) or of training "
                    + "(batch, lr, lr_decay, optimizer=adam|sgd, beta1, beta2, patience, log_every). Repeatable.")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--max-batches", paramLabel = "N",
            description = "At most N steps per epoch (default 0: all; on --resume the run's own). For smoke runs.")
    Integer maxBatches;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    Engines engine;

    @Override
    public Integer call() {
        Dataset ds = dataOptions.load(data);
        engine.configure(ds.spec());
        Path dir = out != null ? out : Path.of("runs", model + "-" + Path.of(data).getFileName());
        TrainResult r;
        try (Runs.Prepared p = Runs.prepare(new Runs.Request(model, sets, epochs, seed, maxBatches), ds, dir,
                resume)) {
            if (!p.changes().isEmpty()) {
                System.out.println("resuming " + dir + " after epoch " + p.startEpoch() + " with changed settings: "
                        + p.changes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", ")));
            }
            r = Runs.train(p, ds, List.of(engine.progress(false), new CsvLog(dir.resolve(Trainer.LOG))));
        }
        System.out.printf("trained %s on %s: %d epoch%s, %d steps, %.1f s, %.0f examples/s%s%n", model, data, r.epochs(),
                r.epochs() == 1 ? "" : "s", r.steps(), r.seconds(), r.examplesPerSecond(), r.bestValid() == null ? ""
                        : String.format(", best valid %s %.4f at epoch %d", r.validation(), r.bestValid(), r.bestEpoch()));
        System.out.println("run directory: " + dir);
        return 0;
    }
}
