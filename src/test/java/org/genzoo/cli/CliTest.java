package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.genzoo.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every CLI path on tiny data, as a user runs it; bad input gives exit code 2 and one line. */
class CliTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one invocation. */
    record Out(int code, String out, String err) {}

    static Out run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainSampleEvalOnTinyData() throws Exception {
        Path run = tmp.resolve("run");
        Out t = run("train", "vae", "--data", "ring8", "--epochs", "2", "--max-batches", "5", "--limit", "300",
                "--out", run.toString(), "--quiet", "--set", "latent=3", "--set", "lr=0.002", "--set", "batch=50");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("trained vae on ring8: 2 epochs, 10 steps");
        for (String f : List.of("config.json", "model.params", "checkpoint.bin", "metrics.json", "log.csv",
                "samples.png")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        JsonNode cfg = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertThat(cfg.at("/modelConfig/latent").asInt()).isEqualTo(3);
        assertThat(cfg.at("/train/optimizer/lr").asDouble()).isEqualTo(0.002);
        assertThat(cfg.at("/dataSha256").asText()).hasSize(64);

        // resume to more epochs continues from the checkpoint
        Out r = run("train", "vae", "--data", "ring8", "--epochs", "3", "--max-batches", "5", "--limit", "300",
                "--out", run.toString(), "--quiet", "--resume");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 epochs, 15 steps");

        Path png = tmp.resolve("s.png");
        assertThat(run("sample", run.toString(), "-n", "50", "--out", png.toString()).code()).isZero();
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        Path csv = tmp.resolve("s.csv");
        assertThat(run("sample", run.toString(), "-n", "7", "--out", csv.toString()).code()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(7).allMatch(l -> l.split(",").length == 2);
        Path npy = tmp.resolve("s.npy");
        assertThat(run("sample", run.toString(), "-n", "5", "--out", npy.toString()).code()).isZero();
        assertThat(Files.size(npy)).isEqualTo(128 + 5 * 2 * 4);

        Path per = tmp.resolve("per.csv");
        Out e = run("eval", run.toString(), "--json", "--k", "20", "--limit", "100", "--per-example", per.toString());
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(e.out());
        assertThat(j.at("/metrics/iwae/nll/kind").asText()).isEqualTo("bound");
        assertThat(j.at("/metrics/iwae/nll/estimator").asText()).isEqualTo("IWAE k=20 on the first 100 test examples");
        assertThat(j.at("/metrics/modes/modes/unit").asText()).isEqualTo("of 8");
        List<String> rows = Files.readAllLines(per);
        assertThat(rows).hasSize(101);
        double mean = rows.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).average().orElseThrow();
        assertThat(-mean).isCloseTo(j.at("/metrics/iwae/nll/value").asDouble(), org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void compareWritesAPageAndResults() throws Exception {
        Path out = tmp.resolve("cmp");
        Out c = run("compare", "--epochs", "1", "--max-batches", "3", "--limit", "300", "--k", "5", "--out",
                out.toString(), "--quiet", "--scaling-sides", "2,3");
        assertThat(c.code()).as(c.err()).isZero();
        JsonNode res = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(res.at("/models").size()).isGreaterThanOrEqualTo(2);
        assertThat(res.at("/models/0/model").asText()).isEqualTo("vae");
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("vae").contains("gan").contains("gan/samples.png");
        assertThat(out.resolve("gan/samples.png")).isRegularFile();
        // a heat map beside the samples of each model with a density (exact or a bound), none for a GAN
        assertThat(html).contains("vae/density.png").contains("realnvp/density.png").doesNotContain("gan/density.png");
        assertThat(out.resolve("vae/density.png")).isRegularFile();
        assertThat(out.resolve("realnvp/density.png")).isRegularFile();
        assertThat(out.resolve("gan/density.png")).doesNotExist();
        assertThat(out.resolve("sampling-scaling.png")).isRegularFile();
        // every sampler's cost measured at n = 4 and 9, the autoregressive ones included
        assertThat(res.at("/sampling_scaling_seconds_per_100/nade/1/n").asInt()).isEqualTo(9);
        assertThat(res.at("/sampling_scaling_seconds_per_100/gan").size()).isEqualTo(2);
    }

    @Test
    void aModelThatDivergesIsReportedAndTheComparisonGoesOn() throws Exception {
        // at lr 1e9 every model diverges in its first epoch, before any checkpoint: the comparison
        // still writes its page and results, and says why each model is missing
        Path out = tmp.resolve("cmp-diverged");
        Out c = run("compare", "--models", "vae,gan", "--epochs", "2", "--max-batches", "5", "--limit", "300", "--k",
                "5", "--set", "lr=1e9", "--out", out.toString(), "--quiet", "--scaling-sides", ""); // "": none
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.err()).contains("vae: training diverged");
        JsonNode res = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(res.at("/skipped/vae").asText()).isEqualTo("training diverged before its first checkpoint");
        assertThat(Files.readString(out.resolve("index.html"))).contains("training diverged before its first checkpoint");
        assertThat(res.at("/sampling_scaling_seconds_per_100").size()).as("--scaling-sides \"\" skips").isZero();
    }

    @Test
    void listShowsEveryLeafAndModel() {
        Out l = run("list");
        assertThat(l.code()).isZero();
        assertThat(l.out()).contains("implicit density / direct").contains("gan").contains("vae")
                .contains("lower bound");
    }

    static List<org.junit.jupiter.params.provider.Arguments> badInputs() {
        return java.util.stream.Stream.<String[]>of(
                new String[] {"train", "nosuchmodel", "--data", "ring8"},
                new String[] {"train", "vae", "--data", "/no/such/file.csv"},
                new String[] {"train", "vae", "--data", "ring8", "--epochs", "many"},
                new String[] {"train", "vae", "--data", "ring8", "--epochs", "0"},
                new String[] {"train", "vae", "--data", "ring8", "--set", "latnet=3"},
                new String[] {"train", "vae", "--data", "ring8", "--set", "latent=two"},
                new String[] {"train", "vae", "--data", "ring8", "--set", "decoder=poisson"},
                new String[] {"train", "vae", "--data", "ring8", "--limit", "50", "--set", "batch=100"},
                new String[] {"sample", "/no/such/run", "--out", "x.png"},
                new String[] {"eval", "/no/such/run"},
                new String[] {"eval", "/tmp", "--split", "holdout"},
                new String[] {"compare", "--models", "vae,nosuch"},
                new String[] {"data", "info", "nosuch"},
                new String[] {"frobnicate"}).map(a -> org.junit.jupiter.params.provider.Arguments.of((Object) a)).toList();
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputGivesOneLineAndExitCode2(String[] args) {
        if (args[0].equals("train")) { // never into the working tree's runs/, even if the check came too late
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--out", tmp.resolve("bad").toString())).toArray(String[]::new);
        }
        Out o = run(args);
        assertThat(o.code()).as(String.join(" ", args) + " -> " + o.err()).isEqualTo(2);
        assertThat(o.err().strip().lines().count()).as(o.err()).isEqualTo(1);
        assertThat(o.err()).startsWith("genzoo: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        for (String cmd : List.of("list", "train", "sample", "eval", "compare", "data")) {
            Out h = run(cmd, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Usage: genzoo " + cmd);
        }
    }
}
