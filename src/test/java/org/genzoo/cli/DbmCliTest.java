package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.genzoo.cli.CliTest.Out;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DBM as a user meets it: listed in its leaf, trained and sampled on binary vectors, refused on 2-D points. */
class DbmCliTest {
    @TempDir
    Path tmp;

    @Test
    void listedTrainedAndSampled() {
        Out l = CliTest.run("list");
        assertThat(l.code()).as(l.err()).isZero();
        assertThat(l.out()).contains("dbm").contains("Deep Boltzmann machine");

        Path run = tmp.resolve("run");
        Out t = CliTest.run("train", "dbm", "--data", "binary-synthetic", "--epochs", "2", "--max-batches", "5",
                "--limit", "300", "--out", run.toString(), "--quiet", "--set", "batch=50", "--set", "pretrainSteps=3",
                "--set", "hidden1=8", "--set", "hidden2=4", "--set", "sampleSteps=10");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("trained dbm on binary-synthetic: 2 epochs, 10 steps");
        assertThat(run.resolve("model.params")).isRegularFile();

        Path csv = tmp.resolve("s.csv");
        Out s = CliTest.run("sample", run.toString(), "-n", "7", "--out", csv.toString());
        assertThat(s.code()).as(s.err()).isZero();

        // AIS and the exact log Z side by side (16 + 4 bits: enumerable), and the NLL they imply
        Out a = CliTest.run("bench", "dbm", run.toString(), "--runs", "20", "--intermediates", "200", "--limit", "50");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).contains("exact log Z").contains("K=200 M=20: log Z").contains("mean-field bound")
                .contains("test NLL bound (mean-field)").contains("exact test NLL (enumeration)")
                .contains("command: genzoo bench ais");
    }

    @Test
    void continuousDataIsAUserError() {
        Out t = CliTest.run("train", "dbm", "--data", "ring8", "--epochs", "1", "--max-batches", "1", "--limit", "300",
                "--out", tmp.resolve("r").toString(), "--quiet");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err().strip()).contains("--data").contains("binary").doesNotContain("\n").doesNotContain("Exception");
    }
}
