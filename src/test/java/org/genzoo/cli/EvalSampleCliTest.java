package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.genzoo.cli.CliTest.Out;
import org.genzoo.core.Json;
import org.genzoo.data.Datasets;
import org.genzoo.data.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} and {@code sample} as a user meets them: a file given to eval is scored whole in
 * file order, per-example columns say what they hold, outputs are checked before the work,
 * samples of binary models are 0/1 and streamed to any size.
 */
class EvalSampleCliTest {
    @TempDir
    static Path tmp;

    static Path vae;
    static Path nade;
    static Path gan;
    static Path ring;
    static Path records;

    private static Path train(String model, String data, String... extra) {
        Path dir = tmp.resolve(model + "-" + data);
        List<String> args = new ArrayList<>(List.of("train", model, "--data", data, "--epochs", "1", "--max-batches",
                "3", "--limit", "300", "--out", dir.toString(), "--quiet"));
        args.addAll(List.of(extra));
        Out t = CliTest.run(args.toArray(String[]::new));
        assertThat(t.code()).as(t.err()).isZero();
        return dir;
    }

    @BeforeAll
    static void trainTinyRuns() throws Exception {
        vae = train("vae", "binary-synthetic", "--set", "batch=50", "--set", "latent=2");
        nade = train("nade", "binary-synthetic", "--set", "batch=50");
        ring = train("vae", "ring8", "--set", "batch=50", "--set", "latent=2");
        gan = train("gan", "ring8", "--set", "batch=50");
        // 1,024 binary records of 16 values, each row different from its neighbours
        Random rng = new Random(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1024; i++) {
            for (int j = 0; j < 16; j++) {
                sb.append(j == 0 ? "" : ",").append(rng.nextInt(4) == 0 ? 1 : 0);
            }
            sb.append('\n');
        }
        records = tmp.resolve("records.csv");
        Files.writeString(records, sb.toString());
    }

    private static double[] column(Path csv, String header) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("index," + header);
        double[] v = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            assertThat(Integer.parseInt(p[0])).isEqualTo(i - 1);
            v[i - 1] = Double.parseDouble(p[1]);
        }
        return v;
    }

    @Test
    void aFileGivenToEvalIsScoredWholeInFileOrder() throws Exception {
        Path scores = tmp.resolve("scores.csv");
        Out e = CliTest.run("eval", nade.toString(), "--data", records.toString(), "--per-example", scores.toString(),
                "--metrics", "nll", "--quiet");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("(all split)");
        double[] forward = column(scores, "log_likelihood_nats");
        assertThat(forward).hasSize(1024);
        // the same records in reverse order give the same exact scores in reverse order
        List<String> rows = new ArrayList<>(Files.readAllLines(records));
        java.util.Collections.reverse(rows);
        Path reversed = tmp.resolve("reversed.csv");
        Files.write(reversed, rows);
        Path rscores = tmp.resolve("rscores.csv");
        assertThat(CliTest.run("eval", nade.toString(), "--data", reversed.toString(), "--per-example",
                rscores.toString(), "--metrics", "nll", "--quiet").code()).isZero();
        double[] backward = column(rscores, "log_likelihood_nats");
        for (int i = 0; i < 1024; i++) {
            assertThat(backward[1023 - i]).as("row %d", i).isCloseTo(forward[i], within(1e-4));
        }
        // the test split of the same file is its last tenth, still available by name
        assertThat(CliTest.run("eval", nade.toString(), "--data", records.toString(), "--split", "test", "--per-example",
                scores.toString(), "--metrics", "nll", "--quiet").code()).isZero();
        double[] test = column(scores, "log_likelihood_nats");
        assertThat(test).hasSize(102);
        assertThat(test[0]).isCloseTo(forward[1024 - 102], within(1e-4));
    }

    @Test
    void perExampleColumnNamesWhatItHolds() throws Exception {
        Path bound = tmp.resolve("bound.csv");
        Out e = CliTest.run("eval", vae.toString(), "--data", records.toString(), "--k", "3", "--per-example",
                bound.toString(), "--metrics", "nll", "--limit", "50", "--json", "--quiet");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(column(bound, "lower_bound_nats")).hasSize(50);
        JsonNode j = Json.MAPPER.readTree(e.out());
        assertThat(j.at("/metrics/iwae/nll/estimator").asText()).isEqualTo("IWAE k=3 on the first 50 examples");
        Path est = tmp.resolve("estimate.csv");
        Out g = CliTest.run("eval", gan.toString(), "--per-example", est.toString(), "--metrics", "nll", "--limit", "40",
                "--quiet");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(column(est, "estimate_nats")).hasSize(40);
    }

    @Test
    void jsonOnStdoutStaysParseableWithTheProgressBarOn() throws Exception {
        // no --quiet: the bar is on and goes to stderr, the JSON alone to stdout
        Out e = CliTest.run("eval", vae.toString(), "--k", "5", "--limit", "60", "--json", "--metrics", "nll");
        assertThat(e.code()).as(e.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(e.out());
        assertThat(j.at("/metrics/iwae/nll/kind").asText()).isEqualTo("bound");
        assertThat(j.at("/split").asText()).isEqualTo("test");
    }

    @Test
    void quickNamesItsEstimator() throws Exception {
        Out e = CliTest.run("eval", vae.toString(), "--quick", "--json", "--metrics", "nll", "--quiet", "--k", "4");
        assertThat(e.code()).as(e.err()).isZero();
        // binary-synthetic's test split has 5,000 examples: --quick scores the first 1,000
        assertThat(Json.MAPPER.readTree(e.out()).at("/metrics/iwae/nll/estimator").asText())
                .isEqualTo("IWAE k=4 on the first 1000 test examples");
    }

    @Test
    void samplesOfABernoulliDecoderAreZeroOrOneAndMeansAreAskedFor() throws Exception {
        Path s = tmp.resolve("bin-samples.csv");
        assertThat(CliTest.run("sample", vae.toString(), "-n", "300", "--out", s.toString()).code()).isZero();
        Set<String> values = new HashSet<>();
        for (String line : Files.readAllLines(s)) {
            values.addAll(Arrays.asList(line.split(",")));
        }
        assertThat(values).containsExactlyInAnyOrder("0.0", "1.0");
        Path m = tmp.resolve("bin-means.csv");
        assertThat(CliTest.run("sample", vae.toString(), "-n", "300", "--out", m.toString(), "--means").code()).isZero();
        List<Double> means = Files.readAllLines(m).stream().flatMap(l -> Arrays.stream(l.split(",")))
                .map(Double::parseDouble).toList();
        assertThat(means).hasSize(300 * 16).allMatch(v -> v > 0 && v < 1);
        // the autoregressive models already draw 0/1 values
        Path n = tmp.resolve("nade-samples.csv");
        assertThat(CliTest.run("sample", nade.toString(), "-n", "50", "--out", n.toString()).code()).isZero();
        assertThat(Files.readAllLines(n).stream().flatMap(l -> Arrays.stream(l.split(","))))
                .allMatch(v -> v.equals("0.0") || v.equals("1.0"));
    }

    @Test
    void sampleStreamsInChunksToAFileOfEveryRow() throws Exception {
        // 512 bytes per row of 2 values: a 4 KiB budget draws 8 rows at a time
        Path a = tmp.resolve("a.npy");
        Path b = tmp.resolve("b.npy");
        Out o = CliTest.run("sample", ring.toString(), "-n", "25001", "--out", a.toString(), "--memory", "4k", "--quiet");
        assertThat(o.code()).as(o.err()).isZero();
        Split t = Datasets.load(a.toString()).split("all");
        assertThat(t.size()).isEqualTo(25001);
        assertThat(t.dim()).isEqualTo(2);
        assertThat(CliTest.run("sample", ring.toString(), "-n", "25001", "--out", b.toString(), "--memory", "4k",
                "--quiet").code()).isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a)); // a function of the seed and budget
        // budgets that hold a whole block of 10,000 rows give the same samples
        Path c = tmp.resolve("c.npy");
        Path d = tmp.resolve("d.npy");
        assertThat(CliTest.run("sample", ring.toString(), "-n", "25001", "--out", c.toString(), "--memory", "5000k",
                "--quiet").code()).isZero();
        assertThat(CliTest.run("sample", ring.toString(), "-n", "25001", "--out", d.toString(), "--quiet").code()).isZero();
        assertThat(Files.readAllBytes(c)).isEqualTo(Files.readAllBytes(d));
        // the csv holds the same numbers
        Path csv = tmp.resolve("d.csv");
        assertThat(CliTest.run("sample", ring.toString(), "-n", "25001", "--out", csv.toString(), "--quiet").code()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(25001);
        Split td = Datasets.load(d.toString()).split("all");
        assertThat(lines.get(25000)).isEqualTo(td.values()[50000] + "," + td.values()[50001]);
    }

    @Test
    void badOutputsAndMetricsAreOneLineErrorsBeforeTheWork() throws Exception {
        Path existing = tmp.resolve("exists.csv");
        Files.writeString(existing, "keep me\n");
        Path dirCsv = Files.createDirectories(tmp.resolve("dir.csv")); // a directory with a file's name
        String[][] cases = {
            {"sample", vae.toString(), "--out", tmp.toString()},
            {"sample", vae.toString(), "--out", dirCsv.toString()},
            {"sample", vae.toString(), "--out", existing.toString()},
            {"sample", vae.toString(), "--out", tmp.resolve("no/such/dir/s.csv").toString()},
            {"sample", vae.toString(), "--out", existing.toString() + "/s.csv"},
            {"sample", gan.toString(), "--out", tmp.resolve("g.csv").toString(), "--means"},
            {"sample", ring.toString(), "-n", "10001", "--out", tmp.resolve("big.png").toString()},
            {"sample", ring.toString(), "--out", tmp.resolve("m.csv").toString(), "--memory", "lots"},
            {"sample", vae.toString(), "--out", tmp.resolve("k.csv").toString(), "--steps", "10"},
            {"sample", vae.toString(), "--out", tmp.resolve("k.csv").toString(), "--steps", "-1"},
            {"eval", vae.toString(), "--per-example", tmp.resolve("no/such/dir/s.csv").toString()},
            {"eval", vae.toString(), "--per-example", tmp.toString()},
            {"eval", vae.toString(), "--per-example", dirCsv.toString()},
            {"eval", vae.toString(), "--metrics", "modes"},
            {"eval", vae.toString(), "--metrics", "nll,frobs"},
            {"eval", vae.toString(), "--split", "holdout"},
        };
        for (String[] c : cases) {
            long t0 = System.nanoTime();
            Out o = CliTest.run(c);
            String what = String.join(" ", c) + " -> " + o.err();
            assertThat(o.code()).as(what).isEqualTo(2);
            assertThat(o.err().strip().lines().count()).as(what).isEqualTo(1);
            assertThat(o.err()).as(what).startsWith("genzoo: ").doesNotContain("Exception");
            assertThat((System.nanoTime() - t0) / 1e9).as(what + ": before the work").isLessThan(5);
        }
        assertThat(Files.readString(existing)).isEqualTo("keep me\n");
        Out steps = CliTest.run("sample", vae.toString(), "--out", tmp.resolve("k.csv").toString(), "--steps", "10");
        assertThat(steps.err()).contains("--steps: model 'vae' draws a sample in one go, not by a Markov chain");
        Out modes = CliTest.run("eval", vae.toString(), "--metrics", "modes");
        assertThat(modes.err()).contains("--metrics modes: does not apply").contains("known modes")
                .contains("metrics that apply: nll,iwae,elbo,parzen,floor,sampling");
        // --force replaces the file
        Out f = CliTest.run("sample", vae.toString(), "-n", "3", "--out", existing.toString(), "--force");
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(Files.readAllLines(existing)).hasSize(3);
    }
}
