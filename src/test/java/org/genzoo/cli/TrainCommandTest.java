package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.cli.CliTest.Out;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genzoo train} at first contact: output paths, unknown settings, divergence, resume notes. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(Out o, int code) {
        assertThat(o.code()).as(o.err()).isEqualTo(code);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).startsWith("genzoo: ").doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void outputPathsThatCannotHoldARunGiveOneLineAndExitCode2() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        for (String out : new String[] {file.toString(), file.resolve("run").toString(), "/proc/genzoo-no/run"}) {
            Out o = CliTest.run("train", "vae", "--data", "ring8", "--limit", "300", "--epochs", "1", "--quiet",
                    "--out", out);
            assertOneLine(o, 2);
            assertThat(o.err()).contains("--out " + out);
        }
    }

    @Test
    void anUnknownSettingListsTheModelsAndTheTrainingSettings() {
        Out o = CliTest.run("train", "vae", "--data", "ring8", "--set", "learning_rate=1", "--out",
                tmp.resolve("r").toString());
        assertOneLine(o, 2);
        assertThat(o.err()).contains("latent").contains("training settings: batch, lr").contains("lr_decay");
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void aDivergedRunExitsWith1AndSaysSo() {
        Path run = tmp.resolve("made");
        Out o = CliTest.run("train", "made", "--data", "binary-synthetic", "--limit", "1000", "--epochs", "2",
                "--quiet", "--set", "lr=1e9", "--out", run.toString());
        assertOneLine(o, 1);
        assertThat(o.err()).contains("training diverged");
        assertThat(o.out()).doesNotContain("best valid");
    }

    @Test
    void aResumeWithAChangedLearningRateSaysWhatChanged() throws Exception {
        Path run = tmp.resolve("run");
        String[] common = {"train", "vae", "--data", "ring8", "--limit", "300", "--max-batches", "2", "--quiet",
                "--set", "batch=50", "--out", run.toString()};
        Out a = CliTest.run(concat(common, "--epochs", "1", "--seed", "5"));
        assertThat(a.code()).as(a.err()).isZero();
        Out b = CliTest.run(concat(common, "--epochs", "2", "--resume", "--set", "lr=1e-4"));
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("after epoch 1 with changed settings: epochs 1 -> 2, lr 0.001 -> 1.0E-4");
        Out c = CliTest.run(concat(common, "--epochs", "3", "--resume", "--seed", "6"));
        assertOneLine(c, 2);
        assertThat(c.err()).contains("--seed").contains("seed 5");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
