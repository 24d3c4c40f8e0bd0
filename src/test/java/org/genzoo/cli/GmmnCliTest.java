package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.cli.CliTest.Out;
import org.genzoo.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moment matching models through every verb: listed under their leaf, trained with real-valued
 * bandwidths from {@code --set}, sampled, and scored by the estimators that fit a model that only
 * samples (Parzen, modes, sampling cost), with no branch of their own in {@code eval}.
 */
class GmmnCliTest {
    @TempDir
    Path tmp;

    @Test
    void listedTrainedSampledAndScored() throws Exception {
        Out l = CliTest.run("list");
        assertThat(l.code()).as(l.err()).isZero();
        assertThat(l.out()).contains("gmmn").contains("mmdnet").contains("gmmnae");
        Out lg = CliTest.run("list", "mmdnet", "--data", "ring8");
        assertThat(lg.out()).contains("bandwidthRule").contains("median").contains("unbiased");

        for (String model : new String[] {"gmmn", "gmmnae"}) {
            Path run = tmp.resolve(model);
            Out t = CliTest.run("train", model, "--data", "ring8", "--epochs", "2", "--max-batches", "3", "--limit",
                    "300", "--out", run.toString(), "--quiet", "--set", "batch=50", "--set", "bandwidths=0.1,0.5,2",
                    "--set", "hidden=16");
            assertThat(t.code()).as(t.err()).isZero();
            assertThat(t.out()).contains("trained " + model + " on ring8: 2 epochs, 6 steps");
            assertThat(Files.readString(run.resolve("log.csv")).lines().findFirst().orElseThrow()).contains("mmd2");

            Path csv = tmp.resolve(model + ".csv");
            Out s = CliTest.run("sample", run.toString(), "-n", "7", "--out", csv.toString());
            assertThat(s.code()).as(s.err()).isZero();
            assertThat(Files.readAllLines(csv)).hasSize(7).allMatch(r -> r.split(",").length == 2);

            Out e = CliTest.run("eval", run.toString(), "--json", "--limit", "100");
            assertThat(e.code()).as(e.err()).isZero();
            JsonNode j = Json.MAPPER.readTree(e.out());
            assertThat(j.at("/metrics/parzen/nll/kind").asText()).isEqualTo("estimate");
            assertThat(j.at("/metrics/modes/modes/unit").asText()).isEqualTo("of 8");
            assertThat(j.at("/metrics/sampling").isMissingNode()).isFalse();
        }
    }

    @Test
    void aBadEstimatorIsAOneLineError() {
        Out t = CliTest.run("train", "gmmn", "--data", "ring8", "--epochs", "1", "--max-batches", "1", "--limit", "300",
                "--out", tmp.resolve("r").toString(), "--quiet", "--set", "estimator=quadratic");
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err().strip()).contains("estimator").contains("unbiased or biased").doesNotContain("\n");
    }
}
