package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.SavedParams;
import org.genzoo.core.Checkpoint;
import org.genzoo.core.LossParts;
import org.genzoo.core.RunSpec;
import org.genzoo.core.TrainListener;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.View;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RBMs go through the same trainer, run directories and checkpoints as every model: the
 * persistent chains of PCD are model state, so a run killed mid-epoch and resumed ends bit for
 * bit where an uninterrupted one does, and a saved model reloads with its chains.
 *
 * <p>The resume test uses large weights (initStd 2) on purpose: with small ones, Gibbs chains
 * driven by the same random numbers coalesce within a few steps whatever their start, so a run
 * resumed with fresh chains ended equal too and the test could not tell (seen with the chains
 * left out of the checkpoint).
 */
class RbmRunTest {
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        data = Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(1000, 100, 100));
    }

    private static RunSpec spec(int epochs) {
        Map<String, String> sets = new LinkedHashMap<>(Map.of("batch", "50", "log_every", "1", "hidden", "8",
                "persistent", "true", "chains", "20", "cd", "1", "initStd", "2"));
        return Runs.spec(new Runs.Request("rbm", sets, epochs, 5L, 0), data);
    }

    @Test
    void aResumedPcdRunEndsBitForBitEqualToAnUninterruptedOne() {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        Runs.train(spec(3), data, whole, false, List.of());
        Runs.train(spec(1), data, parts, false, List.of());
        TrainListener crash = new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts p, double rate) {
                if (epoch == 2 && step % 20 == 7) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
        assertThatThrownBy(() -> Runs.train(spec(3), data, parts, true, List.of(crash)))
                .hasMessage("simulated kill");
        Runs.train(spec(3), data, parts, true, List.of());
        Map<String, float[]> a = SavedParams.of(whole);
        Map<String, float[]> b = SavedParams.of(parts);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
        assertThat(a).containsKey("chains");
    }

    @Test
    void savedParametersAndChainsReloadIntoAFreshModel() {
        try (NDManager root = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            RbmConfig cfg = RbmConfig.toy().withHidden(6).persistent(1, 10);
            Rbm a = new Rbm(cfg, data.spec(), root);
            RbmTest.randomise(a, 1f);
            NDArray x = View.IDENTITY.prepare(data.valid(), 0).toNDArray(root);
            a.params().get("chains").muli(0f).addi(x.get("0:10"));
            Path file = tmp.resolve("rbm.params");
            Checkpoint.writeParams(file, a.params());
            Engine.getInstance().setRandomSeed(2);
            Rbm b = new Rbm(cfg, data.spec(), root);
            Checkpoint.readParams(file, b.params());
            for (String k : a.params().asMap().keySet()) {
                assertThat(b.params().get(k).toFloatArray()).as(k).containsExactly(a.params().get(k).toFloatArray());
            }
            assertThat(b.energy(x).toFloatArray()).containsExactly(a.energy(x).toFloatArray());
            assertThat(b.exactLogPartition(1 << 16).getAsDouble()).isEqualTo(a.exactLogPartition(1 << 16).getAsDouble());
        }
    }

    @Test
    void trainingDoesNotLeakArraysIntoTheModel() {
        try (NDManager root = NDManager.newBaseManager()) {
            Rbm r = new Rbm(RbmConfig.toy().persistent(1, 20), data.spec(), root);
            org.genzoo.core.TrainConfig cfg = new org.genzoo.core.TrainConfig(1, 50,
                    org.genzoo.core.optim.OptimizerSpec.sgd(0.05, 0.9), 0, 0, 2, 1000);
            new org.genzoo.core.Trainer(List.of(), org.genzoo.eval.Estimators::validation).train(r, data, cfg, null, false);
            NDManager own = r.params().manager();
            int after2 = own.getManagedArrays().size();
            new org.genzoo.core.Trainer(List.of(), org.genzoo.eval.Estimators::validation).train(r, data, cfg.withEpochs(1).withMaxBatches(20), null, false);
            assertThat(own.getManagedArrays().size()).isEqualTo(after2);
        }
    }
}
