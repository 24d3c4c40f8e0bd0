package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genzoo.cli.CliTest.Out;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Boltzmann machines through the CLI on tiny data, as a user runs them. */
class RbmCliTest {
    @TempDir
    Path tmp;

    @Test
    void rbmTrainsOnBinaryVectorsAndImagesSamplesAndGetsItsLogZByAis() throws Exception {
        Path run = tmp.resolve("rbm");
        Out t = CliTest.run("train", "rbm", "--data", "binary-synthetic", "--epochs", "2", "--max-batches", "5",
                "--limit", "300", "--out", run.toString(), "--quiet", "--set", "hidden=8", "--set", "persistent=true");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("trained rbm on binary-synthetic: 2 epochs, 6 steps");
        Path csv = tmp.resolve("s.csv");
        Out s = CliTest.run("sample", run.toString(), "-n", "20", "--out", csv.toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(20)
                .allMatch(l -> l.split(",").length == 16 && l.matches("[01]\\.0(,[01]\\.0)*"));
        // 8 hidden units: the exact log Z is printed beside the AIS estimates
        Out a = CliTest.run("bench", "ais", run.toString(), "--intermediates", "10,200", "--runs", "50", "--limit", "50");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).contains("exact log Z").contains("K=10 M=50: log Z").contains("K=200 M=50: log Z")
                .contains("command: genzoo bench ais");

        Path img = tmp.resolve("rbm-mnist");
        Out m = CliTest.run("train", "rbm", "--data", "mnist", "--epochs", "1", "--max-batches", "2", "--limit", "300",
                "--out", img.toString(), "--quiet", "--set", "hidden=20", "--set", "sampleSteps=5");
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(ImageIO.read(img.resolve("samples.png").toFile())).isNotNull();
    }

    @Test
    void gaussianRbmTrainsOnTheRingAndRbmRefusesIt() {
        Path run = tmp.resolve("grbm");
        Out t = CliTest.run("train", "grbm", "--data", "ring8", "--epochs", "2", "--max-batches", "3", "--limit", "600",
                "--out", run.toString(), "--quiet", "--set", "hidden=6", "--set", "sampleSteps=10");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("trained grbm on ring8");
        Out r = CliTest.run("train", "rbm", "--data", "ring8", "--epochs", "1", "--out", tmp.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("use grbm");
    }
}
