package org.genzoo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.genzoo.Export;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code genzoo export RUN --out FILE.npz}: a run's parameters as NumPy arrays, with its config. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a trained run's parameters and buffers as named arrays in NumPy's .npz format, "
                + "with the run's config.json as an entry beside them, to load the model outside genzoo.",
                "In Python: z = numpy.load(FILE); z['NAME'] is an array; json.loads(z['config.json']) the config."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run directory written by 'genzoo train'.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file, ending in .npz.")
    Path out;

    @Option(names = "--force", description = "Overwrite FILE when it exists.")
    boolean force;

    @Override
    public Integer call() {
        Export.Summary s = Export.npz(dir, out, force);
        System.out.printf("exported %d parameter arrays and %d buffers (%,d values) of %s to %s%n", s.parameters(),
                s.buffers(), s.values(), dir, out);
        return 0;
    }
}
