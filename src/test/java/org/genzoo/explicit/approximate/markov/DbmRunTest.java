package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.SavedParams;
import org.genzoo.core.LossParts;
import org.genzoo.core.RunSpec;
import org.genzoo.core.TrainListener;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DBM through the one trainer: the three phases happen in order, and a run interrupted
 * mid-epoch (in pretraining, and again in joint training) and resumed ends bit for bit where an
 * uninterrupted run does, persistent chains and phase counter included.
 */
class DbmRunTest {
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        data = Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(640, 200, 200));
    }

    /** 10 steps per epoch; pretraining takes steps 1-7 (RBM 1) and 8-14 (RBM 2), joint from step 15. */
    private static RunSpec spec(int epochs) {
        Map<String, String> sets = new LinkedHashMap<>(Map.of("batch", "64", "log_every", "1", "hidden1", "8",
                "hidden2", "4", "pretrainSteps", "7", "chains", "32", "sampleSteps", "20"));
        return Runs.spec(new Runs.Request("dbm", sets, epochs, 4L, 0), data);
    }

    @Test
    void phasesRunInOrderAndAResumedRunEndsEqualToAnUninterruptedOne() {
        Path whole = tmp.resolve("whole");
        List<Integer> phases = new java.util.ArrayList<>();
        TrainListener record = new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts p, double rate) {
                phases.add(p.asMap().get("phase").intValue());
            }
        };
        Runs.train(spec(4), data, whole, false, List.of(record));
        assertThat(phases).hasSize(40);
        assertThat(phases.subList(0, 7)).containsOnly(1);
        assertThat(phases.subList(7, 14)).containsOnly(2);
        assertThat(phases.subList(14, 40)).containsOnly(3);

        Path parts = tmp.resolve("parts");
        // killed in epoch 2, in the second RBM's pretraining (epoch 1's checkpoint is mid-pretraining)
        assertThatThrownBy(() -> Runs.train(spec(4), data, parts, false, List.of(crashAt(2, 13))))
                .hasMessage("simulated kill");
        // resumed, then killed in epoch 3, in joint training
        assertThatThrownBy(() -> Runs.train(spec(4), data, parts, true, List.of(crashAt(3, 24))))
                .hasMessage("simulated kill");
        Runs.train(spec(4), data, parts, true, List.of());

        Map<String, float[]> a = SavedParams.of(whole);
        Map<String, float[]> b = SavedParams.of(parts);
        assertThat(a.keySet()).contains("chains", "pretrained_steps").isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
        assertThat(a.get("pretrained_steps")).containsExactly(14f);
    }

    /**
     * Each phase learns: joint training lowers the exact NLL of the training examples (exact
     * marginal by enumerating h2, exact log Z by enumerating h1) from 16 ln 2 = 11.09 nats, its value
     * for weights near 0, towards the data's entropy (10.04 nats); each pretraining phase lowers its
     * RBM's reconstruction error. A sign error in any phase's statistics raises them instead.
     */
    @Test
    void pretrainingAndJointTrainingEachLearn() {
        Dataset d = Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(2000, 200, 200));
        double initial = exactNll(d, 0, 1, null);
        double joint = exactNll(d, 0, 10, null);
        assertThat(initial).isCloseTo(16 * Math.log(2), org.assertj.core.api.Assertions.offset(0.05));
        assertThat(joint).as("after 200 steps of joint training").isLessThan(initial - 0.3);

        List<double[]> losses = new java.util.ArrayList<>(); // (phase, loss) per step
        exactNll(d, 100, 10, new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts p, double rate) {
                losses.add(new double[] {p.asMap().get("phase"), p.loss()});
            }
        });
        for (int phase = 1; phase <= 2; phase++) {
            int from = (phase - 1) * 100;
            double first = 0;
            double last = 0;
            for (int i = 0; i < 10; i++) {
                assertThat(losses.get(from + i)[0]).isEqualTo(phase);
                first += losses.get(from + i)[1] / 10;
                last += losses.get(from + 90 + i)[1] / 10;
            }
            assertThat(last).as("phase %d reconstruction error, last 10 steps against first 10", phase)
                    .isLessThan(0.9 * first); // phase 2 sees sampled h1, whose noise no fit removes: 4.0 to 3.4 measured
        }
    }

    /** Mean exact NLL of the training split after {@code epochs} epochs of training; none when {@code epochs} is 1. */
    private static double exactNll(Dataset d, int pretrainSteps, int epochs, TrainListener listener) {
        Map<String, String> sets = new LinkedHashMap<>(Map.of("batch", "100", "log_every", "1", "pretrainSteps",
                Integer.toString(pretrainSteps)));
        RunSpec spec = Runs.spec(new Runs.Request("dbm", sets, epochs, 2L, epochs == 1 ? 1 : 0), d);
        try (ai.djl.ndarray.NDManager root = ai.djl.ndarray.NDManager.newBaseManager();
                Dbm m = (Dbm) Runs.build(spec, root)) {
            if (epochs > 1) {
                new org.genzoo.core.Trainer(listener == null ? List.of() : List.of(listener), org.genzoo.eval.Estimators::validation).train(m, d, spec.train(),
                        null, false);
            }
            double logZ = m.exactLogPartition(1 << 20).getAsDouble();
            float[] lp = m.exactLogUnnormalised(d.train().toNDArray(root)).toFloatArray();
            double s = 0;
            for (float v : lp) {
                s += logZ - v;
            }
            return s / lp.length;
        }
    }

    private static TrainListener crashAt(int epoch, long step) {
        return new TrainListener() {
            @Override
            public void onStep(int e, long s, LossParts p, double rate) {
                if (e == epoch && s == step) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
    }
}
