package org.genzoo.cli;

import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The flags that choose and trim a data set, shared by the commands that load one. */
final class DataOptions {
    /** The command this mixin is part of, for error messages that name it. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    int limit;

    /** Checked while parsing, so a bad value is a usage error (exit code 2) before any work starts. */
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N examples of each split (0: all). For quick trials and smoke runs.")
    void setLimit(int n) {
        limit = checkLimit(command, n);
    }

    /** {@code n} if it is a valid {@code --limit}, else a usage error of {@code command}. */
    static int checkLimit(CommandSpec command, int n) {
        if (n < 0) {
            throw new ParameterException(command.commandLine(),
                    "--limit: expected 0 (all) or a positive number of examples, got " + n);
        }
        return n;
    }

    /** Loads {@code name} with these options. */
    Dataset load(String name) {
        return Datasets.load(name, LoadOptions.defaults().withLimit(limit));
    }
}
