package org.genzoo.explicit.approximate.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
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

    private static Map<String, float[]> params(Path dir) {
        try (Runs.Opened run = Runs.open(dir)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            run.model().params().asMap().forEach((k, v) -> out.put(k, v.toFloatArray()));
            return out;
        }
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

        Map<String, float[]> a = params(whole);
        Map<String, float[]> b = params(parts);
        assertThat(a.keySet()).contains("chains", "pretrained_steps").isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
        assertThat(a.get("pretrained_steps")).containsExactly(14f);
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
