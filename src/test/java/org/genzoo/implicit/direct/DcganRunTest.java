package org.genzoo.implicit.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.genzoo.Runs;
import org.genzoo.SavedParams;
import org.genzoo.core.LossParts;
import org.genzoo.core.RunSpec;
import org.genzoo.core.TrainListener;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.data.Dataset;
import org.genzoo.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dcgan keeps the promises of every model: a seeded run is repeatable bit for bit, another seed
 * gives other parameters, and a run killed mid-epoch and resumed ends with the parameters of a
 * run that never stopped, batch normalisation's running statistics and the generator average
 * included. Tiny players on 8×8 grey images so that it takes seconds.
 */
class DcganRunTest {
    private static Dataset images;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        images = new Dataset("grey8x8", new DataSpec(64, new int[] {8, 8}, DataKind.GREY), split(192, 1), split(32, 2),
                split(32, 3), "grey8x8-test-data", Optional.empty(), OptionalDouble.empty());
    }

    /** {@code n} random 256-level grey 8×8 images. */
    private static Split split(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(256) / 255f;
        }
        return new Split(v, n, 64, null);
    }

    /** Every option that keeps state: batch norm in both players, the generator average, packing. */
    private static RunSpec spec(int epochs, long seed) {
        Map<String, String> sets = Map.of("batch", "32", "log_every", "1", "noise", "8", "generatorHidden", "16,8",
                "discriminatorHidden", "8,16", "kernel", "3", "emaDecay", "0.9", "pack", "2");
        return Runs.spec(new Runs.Request("dcgan", sets, epochs, seed, 0), images);
    }

    private static void assertSameParams(Map<String, float[]> a, Map<String, float[]> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
    }

    @Test
    void seededRunsAreReproducibleAndSeedsMatter() {
        Runs.train(spec(2, 5), images, tmp.resolve("a"), false, List.of());
        Runs.train(spec(2, 5), images, tmp.resolve("b"), false, List.of());
        Runs.train(spec(2, 6), images, tmp.resolve("c"), false, List.of());
        Map<String, float[]> a = SavedParams.of(tmp.resolve("a"));
        assertThat(a).containsKeys("generator.up0.bn.mean", "discriminator.down1.bn.var", "generator_ema.up1.w");
        assertSameParams(a, SavedParams.of(tmp.resolve("b")));
        Map<String, float[]> c = SavedParams.of(tmp.resolve("c"));
        assertThat(a.keySet().stream().anyMatch(k -> !Arrays.equals(a.get(k), c.get(k))))
                .as("another seed gives other parameters").isTrue();
        assertThat(tmp.resolve("a").resolve(Runs.SAMPLES)).isRegularFile();
    }

    @Test
    void resumedRunEndsEqualToAnUninterruptedOne() {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        Runs.train(spec(4, 3), images, whole, false, List.of());
        Runs.train(spec(1, 3), images, parts, false, List.of()); // stop cleanly after epoch 1
        TrainListener crash = new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts p, double rate) {
                if (epoch == 3 && step % 6 == 3) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
        assertThatThrownBy(() -> Runs.train(spec(4, 3), images, parts, true, List.of(crash)))
                .hasMessage("simulated kill");
        Runs.train(spec(4, 3), images, parts, true, List.of());
        assertSameParams(SavedParams.of(whole), SavedParams.of(parts));
    }

    @Test
    void imageModelIsRefusedOnPointsWithOneLine() {
        Dataset points = org.genzoo.data.Datasets.load("ring8",
                org.genzoo.data.LoadOptions.defaults().withToySizes(64, 32, 32));
        RunSpec s = Runs.spec(new Runs.Request("dcgan", Map.of(), 1, 0L, 0), points);
        assertThat(Runs.unsupported(s)).contains("dcgan models images").doesNotContain("\n");
    }
}
