package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.genzoo.Runs;
import org.genzoo.cli.CliTest.Out;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The top-level command: usage errors, version, the list of commands. */
class MainTest {
    @ParameterizedTest
    @ValueSource(strings = {"train vae --data ring8 --limit -1", "eval /no/such/run --limit -5",
            "compare --limit -1", "bench throughput --limit -1"})
    void negativeLimitIsAOneLineUsageError(String line) {
        Out o = CliTest.run(line.split(" "));
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
        assertThat(o.err()).startsWith("genzoo: --limit: expected 0 (all) or a positive number");
    }

    @Test
    void missingCommandNamesEveryRegisteredCommand() {
        Out o = CliTest.run();
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
        var names = new CommandLine(new Main()).getSubcommands().keySet();
        assertThat(names).contains("list", "train", "bench", "export");
        for (String name : names) {
            assertThat(o.err()).as(name).containsPattern("[:,] " + name + "\\b");
        }
    }

    @Test
    void versionIsThePomVersionWithTheCommitWhenKnown() throws IOException {
        Properties expected = new Properties();
        try (InputStream in = MainTest.class.getResourceAsStream("/org/genzoo/expected-version.properties")) {
            expected.load(in);
        }
        String pom = expected.getProperty("version");
        assertThat(pom).as("the test resource is filtered by Maven").doesNotStartWith("${").isNotBlank();
        Out o = CliTest.run("--version");
        assertThat(o.code()).isZero();
        // "genzoo 0.1.0-SNAPSHOT", or built from a git checkout "genzoo 0.1.0-SNAPSHOT (commit 1a2b3c4)",
        // with "-modified" after the commit when the tree had uncommitted changes
        assertThat(o.out().strip()).matches("genzoo \\Q" + pom + "\\E( \\(commit [0-9a-f]{7,}(-modified)?\\))?");
        assertThat(Runs.version()).isEqualTo(o.out().strip().substring("genzoo ".length()));
    }
}
