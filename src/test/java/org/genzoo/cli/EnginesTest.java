package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default thread count follows the cores that other processes leave idle. */
class EnginesTest {
    @TempDir
    Path tmp;

    @Test
    void aGpuDemandedWhereThereIsNoneIsAOneLineErrorNotACpuRun() {
        System.setProperty(Engines.DEVICE_PROPERTY, "gpu"); // what GENZOO_DEVICE=gpu makes the launcher pass
        try {
            CliTest.Out o = CliTest.run("train", "gan", "--data", "ring8", "--epochs", "1", "--max-batches", "1",
                    "--out", tmp.resolve("run").toString(), "--quiet");
            assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
            assertThat(o.err().lines().toList()).hasSize(1).first().asString()
                    .startsWith("genzoo: GENZOO_DEVICE=gpu: ").contains("sees no CUDA GPU");
            assertThat(tmp.resolve("run")).as("nothing trained").doesNotExist();
        } finally {
            System.clearProperty(Engines.DEVICE_PROPERTY);
        }
    }

    @Test
    void threadsForTheIdleCores() {
        assertThat(Engines.threadsFor(2, 0.0)).isEqualTo(2);
        assertThat(Engines.threadsFor(2, 0.3)).isEqualTo(2);
        assertThat(Engines.threadsFor(2, 0.7)).isEqualTo(1);
        assertThat(Engines.threadsFor(2, 1.0)).isEqualTo(1);
        assertThat(Engines.threadsFor(2, 3.0)).as("never below one").isEqualTo(1);
        assertThat(Engines.threadsFor(8, 2.2)).isEqualTo(6);
        assertThat(Engines.threadsFor(4, Double.NaN)).as("unknown load: all cores").isEqualTo(4);
    }

    @Test
    void anotherProcessSpinningCountsAsABusyCore() throws Exception {
        Process spin = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(100);
            double busy = Engines.otherLoad(Engines.SAMPLE_MILLIS);
            // one spinning process holds one core; others on the machine can only add to it
            assertThat(busy).isGreaterThan(0.7);
            assertThat(Engines.threadsFor(2, busy)).isEqualTo(1);
        } finally {
            spin.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
