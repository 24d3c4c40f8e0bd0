package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.genzoo.cli.CliTest.Out;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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


}
