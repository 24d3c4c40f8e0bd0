package org.genzoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.genzoo.core.Json;
import org.genzoo.core.LossParts;
import org.genzoo.core.RunLock;
import org.genzoo.core.TrainListener;
import org.genzoo.core.TrainResult;
import org.genzoo.core.Trainer;
import org.genzoo.core.UserError;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run directories as a user meets them: what {@code --resume} keeps and what it lets change, a
 * start that fails leaves nothing behind, a failed resume leaves config.json as it was, stale
 * temporary files are removed, and one training at a time writes into a directory.
 */
class RunsTest {
    private static Dataset data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        data = Datasets.load("ring8", LoadOptions.defaults().withToySizes(640, 200, 200));
    }

    /** A request for a tiny VAE; {@code sets} adds to batch=64. */
    private static Runs.Request request(Integer epochs, Long seed, String... sets) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("batch", "64");
        for (int i = 0; i < sets.length; i += 2) {
            m.put(sets[i], sets[i + 1]);
        }
        return new Runs.Request("vae", m, epochs, seed, null);
    }

    private static TrainResult train(Runs.Request req, Path dir, boolean resume, List<TrainListener> listeners) {
        try (Runs.Prepared p = Runs.prepare(req, data, dir, resume)) {
            return Runs.train(p, data, listeners);
        }
    }

    private static boolean differ(Map<String, float[]> a, Map<String, float[]> b) {
        return a.keySet().stream().anyMatch(k -> !Arrays.equals(a.get(k), b.get(k)));
    }

    @Test
    void aChangedLearningRateAppliesFromTheResumePointAndIsRecorded() throws IOException {
        Path same = tmp.resolve("same");
        Path lower = tmp.resolve("lower");
        train(request(1, 4L, "lr", "0.002"), same, false, List.of());
        train(request(1, 4L, "lr", "0.002"), lower, false, List.of());
        train(request(2, null), same, true, List.of());
        Runs.Prepared p = Runs.prepare(request(2, null, "lr", "1e-5", "patience", "3"), data, lower, true);
        try (p) {
            assertThat(p.startEpoch()).isEqualTo(1);
            assertThat(p.changes()).containsOnlyKeys("epochs", "lr", "patience");
            assertThat(p.changes().get("lr").to()).isEqualTo("1.0E-5");
            Runs.train(p, data, List.of());
        }
        // the new rate was used for epoch 2: the parameters part from those of the unchanged resume
        assertThat(differ(SavedParams.of(same), SavedParams.of(lower))).isTrue();
        JsonNode cfg = Json.MAPPER.readTree(lower.resolve(Runs.CONFIG).toFile());
        assertThat(cfg.at("/train/optimizer/lr").asDouble()).isEqualTo(1e-5);
        assertThat(cfg.at("/train/patience").asInt()).isEqualTo(3);
        assertThat(cfg.at("/train/seed").asLong()).isEqualTo(4);
        assertThat(cfg.at("/resumed/0/epoch").asInt()).isEqualTo(2);
        assertThat(cfg.at("/resumed/0/changed/lr/from").asText()).isEqualTo("0.002");
        assertThat(cfg.at("/resumed/0/changed/lr/to").asText()).isEqualTo("1.0E-5");
        // a resume that only adds epochs records just that
        JsonNode changed = Json.MAPPER.readTree(same.resolve(Runs.CONFIG).toFile()).at("/resumed/0/changed");
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.has("epochs")).isTrue();
    }

    @Test
    void aChangedModelSettingSeedOrOptimizerIsAOneLineErrorAndTouchesNothing() throws IOException {
        Path dir = tmp.resolve("run");
        train(request(1, 7L, "latent", "3"), dir, false, List.of());
        byte[] config = Files.readAllBytes(dir.resolve(Runs.CONFIG));
        byte[] ckpt = Files.readAllBytes(dir.resolve(Trainer.CHECKPOINT));
        assertThatThrownBy(() -> train(request(2, null, "latent", "4"), dir, true, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("--set latent").hasMessageContaining("3");
        assertThatThrownBy(() -> train(request(2, 8L), dir, true, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("--seed").hasMessageContaining("7");
        assertThatThrownBy(() -> train(request(2, null, "optimizer", "sgd"), dir, true, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("optimizer");
        Dataset other = Datasets.load("ring8", LoadOptions.defaults().withToySizes(320, 200, 200));
        assertThatThrownBy(() -> {
            try (Runs.Prepared p = Runs.prepare(request(2, null), other, dir, true)) {
                Runs.train(p, other, List.of());
            }
        }).isInstanceOf(UserError.class).hasMessageContaining("--data");
        assertThat(Files.readAllBytes(dir.resolve(Runs.CONFIG))).isEqualTo(config);
        assertThat(Files.readAllBytes(dir.resolve(Trainer.CHECKPOINT))).isEqualTo(ckpt);
        // the same values given again are no change; only the epochs grew
        train(request(2, 7L, "latent", "3"), dir, true, List.of());
        JsonNode changed = Json.MAPPER.readTree(dir.resolve(Runs.CONFIG).toFile()).at("/resumed/0/changed");
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.has("epochs")).isTrue();
    }

    @Test
    void aFailedResumeLeavesConfigJsonAsItWas() throws IOException {
        Path dir = tmp.resolve("run");
        train(request(1, 1L), dir, false, List.of());
        Path ck = dir.resolve(Trainer.CHECKPOINT);
        byte[] all = Files.readAllBytes(ck);
        Files.write(ck, Arrays.copyOf(all, all.length / 2));
        byte[] config = Files.readAllBytes(dir.resolve(Runs.CONFIG));
        assertThatThrownBy(() -> train(request(3, null, "lr", "1e-4"), dir, true, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("truncated");
        assertThat(Files.readAllBytes(dir.resolve(Runs.CONFIG))).isEqualTo(config);
        assertThat(dir.resolve(RunLock.FILE)).isEmptyFile(); // released
    }

    @Test
    void aStartThatFailsLeavesNothingBehind() {
        Path dir = tmp.resolve("new");
        // more examples per batch than the data has: refused before the first step
        assertThatThrownBy(() -> train(request(1, 1L, "batch", "100000"), dir, false, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("batch");
        assertThat(dir).doesNotExist();
    }

    @Test
    void staleTemporaryFilesAreRemovedOnResume() throws IOException {
        Path dir = tmp.resolve("run");
        train(request(1, 1L), dir, false, List.of());
        Path stale = dir.resolve("." + Trainer.CHECKPOINT + ".123456.tmp");
        Files.write(stale, new byte[] {1, 2, 3});
        train(request(2, null), dir, true, List.of());
        assertThat(stale).doesNotExist();
        assertThat(dir.resolve(Trainer.CHECKPOINT)).isRegularFile();
    }

    @Test
    void outputPathsThatCannotHoldARunAreOneLineErrors() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> train(request(1, 1L), file, false, List.of()))
                .isInstanceOf(UserError.class).hasMessageStartingWith("--out " + file).hasMessageContaining("a file");
        assertThatThrownBy(() -> train(request(1, 1L), file.resolve("run"), false, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("--out").hasMessageContaining("is a file");
        // /proc refuses new directories even to root
        assertThatThrownBy(() -> train(request(1, 1L), Path.of("/proc/genzoo-no-such/run"), false, List.of()))
                .isInstanceOf(UserError.class).hasMessageContaining("--out").hasMessageContaining("cannot create");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aSecondTrainingIntoTheSameDirectoryIsRefusedWhileTheFirstRuns() throws Exception {
        Path dir = tmp.resolve("shared");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TrainListener hold = new TrainListener() {
            @Override
            public void onStep(int epoch, long step, LossParts parts, double rate) {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<TrainResult> first = ex.submit(() -> {
                JniUtils.setGradMode(false); // grad mode is per thread; the trainer records only what it asks
                return train(request(1, 7L), dir, false, List.of(hold));
            });
            boolean started = running.await(30, TimeUnit.SECONDS);
            if (!started && first.isDone()) {
                first.get(); // shows why the first training ended
            }
            assertThat(started).isTrue();
            assertThat(Files.size(dir.resolve(RunLock.FILE))).as("holds the pid").isPositive();
            assertThatThrownBy(() -> train(request(1, 8L), dir, false, List.of()))
                    .isInstanceOf(UserError.class).hasMessageContaining("--out " + dir)
                    .hasMessageContaining("another genzoo training");
            assertThatThrownBy(() -> train(request(2, null), dir, true, List.of()))
                    .isInstanceOf(UserError.class).hasMessageContaining("another genzoo training");
            release.countDown();
            first.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            ex.shutdownNow();
        }
        // the run is the first one's, whole, and the lock is released
        assertThat(Json.MAPPER.readTree(dir.resolve(Runs.CONFIG).toFile()).at("/train/seed").asLong()).isEqualTo(7);
        assertThat(dir.resolve(RunLock.FILE)).isEmptyFile();
        train(request(2, null), dir, true, List.of()); // and the next writer gets in
    }
}
