package org.genzoo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.Runs;
import org.genzoo.core.TrainingDivergedException;
import org.genzoo.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code genzoo} command. Each verb is a thin picocli command that maps flags onto the
 * library's records and calls the library; no model logic lives here.
 */
@Command(name = "genzoo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Deep generative models, the whole family tree of Goodfellow's NIPS 2016 GAN tutorial, "
                + "trained on the same data and measured the way the literature measures each family.", ""},
        subcommands = {ListCommand.class, TrainCommand.class, SampleCommand.class, EvalCommand.class,
                CompareCommand.class, ExportCommand.class, DataCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 training diverged or an internal error, 2 bad input.",
                "Environment: GENZOO_HOME (data cache, default ~/.genzoo), GENZOO_THREADS (engine threads)."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", commandNames(spec)));
    }

    /** The registered subcommands, in declaration order; read from picocli so the list cannot drift. */
    static List<String> commandNames(CommandLine.Model.CommandSpec spec) {
        return new ArrayList<>(spec.subcommands().keySet());
    }

    /** Runs the CLI and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("genzoo: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            Throwable t = ex;
            while (!(t instanceof UserError) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof UserError) {
                err.println("genzoo: " + oneLine(t.getMessage()));
                return 2;
            }
            if (ex instanceof TrainingDivergedException) {
                err.println("genzoo: " + oneLine(ex.getMessage()));
                return 1;
            }
            err.println("genzoo: internal error: " + oneLine(String.valueOf(ex)));
            if (System.getenv("GENZOO_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("genzoo: set GENZOO_DEBUG=1 for the stack trace");
            }
            return 1;
        });
        return cl.execute(args);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').trim();
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (System.getenv("GENZOO_DEBUG") == null) {
            // libtorch prints an NNPACK line on every convolution on this CPU; Java's stderr stays
            org.genzoo.core.nn.NativeStderr.silenceNnpack();
        }
        System.exit(run(args));
    }

    /** Prints the version (and commit) recorded at build time, as runs record it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"genzoo " + Runs.version()};
        }
    }
}
