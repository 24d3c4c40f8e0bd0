package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DataCommandTest {
    private final StringWriter out = new StringWriter();
    private Exception thrown;

    private int run(String... args) {
        CommandLine cl = new CommandLine(new DataCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            thrown = e; // what the main command would print as one line
            return 2;
        });
        return cl.execute(args);
    }

    @Test
    void infoRing8ShowsSplitsHashAndModes() {
        assertThat(run("info", "ring8", "--limit", "50")).isZero();
        String s = out.toString();
        assertThat(s).contains("kind:    CONTINUOUS").contains("splits:  train 50, valid 50, test 50")
                .contains("modes:   8 equally weighted Gaussians").contains("(2.0000, 0.0000)")
                .containsPattern("sha256:  [0-9a-f]{64}").contains("labels train:");
    }

    @Test
    void infoBinarySyntheticShowsTheExactEntropy() {
        assertThat(run("info", "binary-synthetic", "--limit", "10")).isZero();
        assertThat(out.toString()).contains("kind:    BINARY").contains("entropy: ").contains("nats exactly");
    }

    @Test
    void unknownDataSetIsAUserError() {
        assertThat(run("info", "no-such-set")).isEqualTo(2);
        assertThat(thrown).isInstanceOf(UserError.class).hasMessageContaining("no-such-set");
        assertThat(run("fetch", "moons")).isEqualTo(2);
        assertThat(thrown).isInstanceOf(UserError.class).hasMessageContaining("mnist");
    }

    @Test
    void helpDescribesSubcommandsAndOptions() {
        assertThat(run("info", "--help")).isZero();
        assertThat(out.toString()).contains("--limit=N").contains("Keep at most N examples").contains("--seed=S");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("fetch").contains("Download a data set").contains("info");
    }
}
