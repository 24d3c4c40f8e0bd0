package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.SavedParams;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trainer's promises: a seeded run is reproducible; a run interrupted at any point (between
 * epochs, mid-epoch, or mid-write of a checkpoint) and resumed ends with exactly the parameters
 * of a run that never stopped; a NaN stops training and keeps the last good checkpoint.
 * Checked for the VAE (one optimiser) and the GAN (two).
 */
class TrainerTest {
    private static Dataset data;
    private static Dataset binary;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        data = Datasets.load("ring8", LoadOptions.defaults().withToySizes(640, 200, 200));
        binary = Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(640, 200, 200));
    }

    /** The toy data for a model: 2-D points, or binary vectors for the binary models. */
    private static Dataset dataFor(String model) {
        return model.equals("made") ? binary : data;
    }

    /**
     * A run's settings. {@code gan-pacgan} is the GAN with every option that keeps state of its
     * own: batch normalisation's running statistics, the generator average, maxout, packing and
     * the R1 penalty.
     */
    private static RunSpec spec(String model, int epochs, long seed) {
        Map<String, String> sets = switch (model) {
            case "made" -> Map.of("batch", "64", "log_every", "1", "numMasks", "4");
            case "gan-pacgan" -> Map.of("batch", "64", "log_every", "1", "generatorBatchNorm", "true",
                    "discriminatorMaxout", "3", "emaDecay", "0.9", "pack", "2", "r1", "1");
            // a chain of 50 transitions for the picture every run draws (the preset's 1,000 take seconds)
            case "gsn" -> Map.of("batch", "64", "log_every", "1", "sampleSteps", "50");
            default -> Map.of("batch", "64", "log_every", "1");
        };
        String kind = model.startsWith("gan") ? "gan" : model;
        return Runs.spec(new Runs.Request(kind, sets, epochs, seed, 0), dataFor(model));
    }

    /** The parameters of a trained run directory, as name to values. */
    private static void assertSameParams(Map<String, float[]> a, Map<String, float[]> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).containsExactly(a.get(k));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "gan", "gan-pacgan", "gsn"})
    void seededRunsAreReproducibleAndSeedsMatter(String model) {
        Runs.train(spec(model, 2, 5), data, tmp.resolve("a"), false, List.of());
        Runs.train(spec(model, 2, 5), data, tmp.resolve("b"), false, List.of());
        Runs.train(spec(model, 2, 6), data, tmp.resolve("c"), false, List.of());
        assertSameParams(SavedParams.of(tmp.resolve("a")), SavedParams.of(tmp.resolve("b")));
        Map<String, float[]> a = SavedParams.of(tmp.resolve("a"));
        Map<String, float[]> c = SavedParams.of(tmp.resolve("c"));
        boolean differs = a.keySet().stream().anyMatch(k -> !java.util.Arrays.equals(a.get(k), c.get(k)));
        assertThat(differs).as("another seed gives other parameters").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "gan", "gan-pacgan", "made", "gsn"})
    void resumedRunEndsEqualToAnUninterruptedOne(String model) throws IOException {
        Dataset data = dataFor(model);
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        Runs.train(spec(model, 4, 3), data, whole, false, List.of(new CsvLog(whole.resolve(Trainer.LOG))));

        // 1. stop cleanly after epoch 1
        Runs.train(spec(model, 1, 3), data, parts, false, List.of(new CsvLog(parts.resolve(Trainer.LOG))));
        // 2. crash in the middle of epoch 3 (after epoch 2's checkpoint)
        TrainListener crash = new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts p, double rate) {
                if (epoch == 3 && step % 10 == 3) {
                    throw new IllegalStateException("simulated kill");
                }
            }
        };
        assertThatThrownBy(() -> Runs.train(spec(model, 4, 3), data, parts, true,
                List.of(new CsvLog(parts.resolve(Trainer.LOG)), crash))).hasMessage("simulated kill");
        // 3. a kill during a checkpoint write leaves a stray temporary file, never a half checkpoint
        Files.write(parts.resolve("." + Trainer.CHECKPOINT + ".123.tmp"), new byte[] {1, 2, 3});
        // 4. resume to the end
        Runs.train(spec(model, 4, 3), data, parts, true, List.of(new CsvLog(parts.resolve(Trainer.LOG))));
        assertThat(parts.resolve("." + Trainer.CHECKPOINT + ".123.tmp")).as("removed on resume").doesNotExist();

        assertSameParams(SavedParams.of(whole), SavedParams.of(parts));
        // the log of the resumed run reads like the uninterrupted one's, rates aside
        assertThat(stripRates(parts.resolve(Trainer.LOG))).isEqualTo(stripRates(whole.resolve(Trainer.LOG)));
    }

    private static List<String> stripRates(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            String[] f = l.split(",", -1);
            f[2] = "";
            out.add(String.join(",", f));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae"})
    void truncatedCheckpointIsRejectedWithTheFileName(String model) throws IOException {
        Path dir = tmp.resolve("t");
        Runs.train(spec(model, 1, 1), data, dir, false, List.of());
        Path ck = dir.resolve(Trainer.CHECKPOINT);
        byte[] all = Files.readAllBytes(ck);
        Files.write(ck, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> Runs.train(spec(model, 2, 1), data, dir, true, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining(ck.toString()).hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae"})
    void nanLossStopsTrainingAndKeepsTheLastGoodCheckpoint(String model) throws IOException {
        Path dir = tmp.resolve("nan");
        Runs.train(spec(model, 1, 1), data, dir, false, List.of());
        byte[] good = Files.readAllBytes(dir.resolve(Trainer.CHECKPOINT));
        // poison one parameter through the checkpoint: the next steps produce NaN
        try (NDManager root = NDManager.newBaseManager();
                GenerativeModel m = Runs.build(Json.read(dir.resolve(Runs.CONFIG), RunSpec.class), root);
                org.genzoo.core.optim.OptimizerSet opt = new org.genzoo.core.optim.OptimizerSet(m.params(),
                        m.parameterGroups(), Map.of(), org.genzoo.core.optim.OptimizerSpec.adam(1e-3))) {
            Checkpoint.State s = Checkpoint.read(dir.resolve(Trainer.CHECKPOINT), m.params(), opt);
            NDArray w = m.params().get(m.params().names().get(0));
            w.muli(root.create(Float.NaN));
            Checkpoint.write(dir.resolve(Trainer.CHECKPOINT), s, m.params(), opt);
            good = Files.readAllBytes(dir.resolve(Trainer.CHECKPOINT));
        }
        assertThatThrownBy(() -> Runs.train(spec(model, 3, 1), data, dir, true, List.of()))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("NaN")
                .hasMessageContaining("epoch 1");
        assertThat(Files.readAllBytes(dir.resolve(Trainer.CHECKPOINT))).isEqualTo(good);
    }

    /**
     * A learning rate of 10^9 wrecks every model in its first epochs. Whatever the family, training
     * must stop with a divergence (not finish with a score of 10^8 nats), and the message must be
     * true: a checkpoint it says is kept exists, and when it says none was written, none was.
     */
    @ParameterizedTest
    @ValueSource(strings = {"made", "vae", "gan", "gsn"})
    void aHugeLearningRateIsCaughtAndTheMessageSaysWhatIsKept(String model) {
        Path dir = tmp.resolve("diverged");
        Map<String, String> sets = new java.util.LinkedHashMap<>(Map.of("batch", "64", "lr", "1e9"));
        RunSpec s = Runs.spec(new Runs.Request(model, sets, 3, 1L, 0), dataFor(model));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Runs.train(s, dataFor(model), dir, false,
                List.of()));
        assertThat(t).isInstanceOf(TrainingDivergedException.class).hasMessageStartingWith("training diverged");
        Path ckpt = dir.resolve(Trainer.CHECKPOINT);
        if (t.getMessage().contains("no checkpoint was written")) {
            assertThat(ckpt).doesNotExist();
        } else {
            assertThat(t.getMessage()).contains("is kept in " + ckpt);
            assertThat(ckpt).isRegularFile();
        }
    }

    /** A VAE whose first epoch diverges (NaN): the message must not claim a checkpoint of epoch 0. */
    @org.junit.jupiter.api.Test
    void aFirstEpochDivergenceSaysNoCheckpointWasWritten() {
        Path dir = tmp.resolve("first");
        RunSpec s = Runs.spec(new Runs.Request("vae", Map.of("batch", "64", "lr", "1e30"), 2, 1L, 0), data);
        assertThatThrownBy(() -> Runs.train(s, data, dir, false, List.of()))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("epoch 1")
                .hasMessageContaining("no checkpoint was written").hasMessageNotContaining("epoch 0");
        assertThat(dir.resolve(Trainer.CHECKPOINT)).doesNotExist();
    }

    /** Bit-for-bit resume also at two engine threads (the default for image data). */
    @org.junit.jupiter.api.Test
    void resumeIsExactAtTwoThreads() throws IOException {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
        try {
            resumedRunEndsEqualToAnUninterruptedOne("vae");
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        }
    }
}
