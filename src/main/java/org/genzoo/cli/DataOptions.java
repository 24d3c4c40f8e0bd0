package org.genzoo.cli;

import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import picocli.CommandLine.Option;

/** The flags that choose and trim a data set, shared by the commands that load one. */
final class DataOptions {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Use at most N examples of each split (0: all). For quick trials and smoke runs.")
    int limit;

    /** Loads {@code name} with these options. */
    Dataset load(String name) {
        return Datasets.load(name, LoadOptions.defaults().withLimit(limit));
    }
}
