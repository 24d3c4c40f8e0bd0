package org.genzoo.implicit.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.SavedParams;
import org.genzoo.core.LossParts;
import org.genzoo.core.RunSpec;
import org.genzoo.core.Sampler;
import org.genzoo.core.TrainListener;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.eval.ModeCoverage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The moment matching models through the one trainer: a short GMMN run on ring8 covers its modes;
 * seeded runs repeat bit for bit and another seed differs; a run killed mid-epoch and resumed ends
 * with exactly the parameters of one that never stopped, including the median bandwidth that
 * {@code mmdnet} measures on its first batch and GMMN+AE's switch from phase 1 to phase 2, which
 * happens after the interruption.
 */
class GmmnRunTest {
    private static Dataset ring8;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        ring8 = Datasets.load("ring8", LoadOptions.defaults().withToySizes(2560, 200, 200));
    }

    /** Small runs: 10 steps of 64 per epoch; GMMN+AE ends phase 1 after 25 steps, in epoch 3. */
    private static RunSpec spec(String model, int epochs, long seed) {
        Map<String, String> sets = new LinkedHashMap<>(Map.of("batch", "64", "log_every", "1", "hidden", "32,32"));
        if (model.equals("gmmnae")) {
            sets.put("aeSteps", "25");
            sets.put("aeHidden", "16");
        }
        return Runs.spec(new Runs.Request(model, sets, epochs, seed, 10), ring8);
    }

    @Test
    void aShortGmmnRunOnRing8CoversEveryMode() {
        Path dir = tmp.resolve("ring8");
        // 1,200 steps of 128 (about 15 s on one loaded core); 600 steps covered 0 to 6 of the modes
        RunSpec s = Runs.spec(new Runs.Request("gmmn", Map.of("batch", "128"), 60, 1L, 0), ring8);
        Runs.train(s, ring8, dir, false, List.of());
        try (Runs.Opened run = Runs.open(dir); NDManager root = NDManager.newBaseManager()) {
            ModeCoverage.Counts n = ModeCoverage.count((Sampler) run.model(), ring8.mixture().orElseThrow(), 2500, 20,
                    root);
            assertThat(n.covered()).as("modes covered, per mode %s", Arrays.toString(n.perMode())).isEqualTo(8);
            assertThat(n.highQuality()).as("share within 3 std of a centre").isGreaterThan(0.2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmmn", "mmdnet", "gmmnae"})
    void seededRunsRepeatAndSeedsMatter(String model) {
        Runs.train(spec(model, 3, 5), ring8, tmp.resolve("a"), false, List.of());
        Runs.train(spec(model, 3, 5), ring8, tmp.resolve("b"), false, List.of());
        Runs.train(spec(model, 3, 6), ring8, tmp.resolve("c"), false, List.of());
        Map<String, float[]> a = SavedParams.of(tmp.resolve("a"));
        Map<String, float[]> b = SavedParams.of(tmp.resolve("b"));
        Map<String, float[]> c = SavedParams.of(tmp.resolve("c"));
        assertSame(a, b);
        assertThat(a.keySet().stream().anyMatch(k -> !Arrays.equals(a.get(k), c.get(k))))
                .as("another seed gives other parameters").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmmn", "mmdnet", "gmmnae"})
    void aResumedRunEndsEqualToAnUninterruptedOne(String model) {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        Runs.train(spec(model, 4, 3), ring8, whole, false, List.of());
        Runs.train(spec(model, 1, 3), ring8, parts, false, List.of()); // stops cleanly after epoch 1
        TrainListener crash = new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts p, double rate) {
                if (epoch == 3 && step == 23) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
        assertThatThrownBy(() -> Runs.train(spec(model, 4, 3), ring8, parts, true, List.of(crash)))
                .hasMessage("simulated kill");
        Runs.train(spec(model, 4, 3), ring8, parts, true, List.of());
        Map<String, float[]> a = SavedParams.of(whole);
        assertSame(a, SavedParams.of(parts));
        if (model.equals("mmdnet") || model.equals("gmmnae")) {
            assertThat(a.get("bandwidth_scale")[0]).as("the median distance was measured").isGreaterThan(0);
        }
        if (model.equals("gmmnae")) {
            assertThat(a.get("autoencoder_steps")[0]).as("phase 1 ended at its step count").isEqualTo(25f);
        }
    }

    private static void assertSame(Map<String, float[]> a, Map<String, float[]> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
    }
}
