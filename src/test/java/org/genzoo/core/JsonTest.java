package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir Path dir;

    /** A result record shaped like what the evaluator will save. */
    record Result(String model, long seed, double nll, float[] curve, double[] times, Map<String, Double> extra) {}

    private static Result result(double nll) {
        return new Result("VAE", 42L, nll, new float[] {3.5f, 2.25f}, new double[] {0.1, 1e-9},
                Map.of("kl", 21.5));
    }

    @Test
    void roundTripKeepsEveryField() {
        Path file = dir.resolve("result.json");
        Result r = result(87.21875);
        Json.writeAtomic(file, r);
        Result back = Json.read(file, Result.class);
        assertThat(back.model()).isEqualTo("VAE");
        assertThat(back.seed()).isEqualTo(42L);
        assertThat(back.nll()).isEqualTo(87.21875);
        assertThat(back.curve()).containsExactly(3.5f, 2.25f);
        assertThat(back.times()).containsExactly(0.1, 1e-9);
        assertThat(back.extra()).containsExactlyEntriesOf(Map.of("kl", 21.5));
    }

    @Test
    void genericReadAndPrettyOutput() throws Exception {
        Path file = dir.resolve("list.json");
        Json.writeAtomic(file, List.of(result(1), result(2)));
        String text = Files.readString(file);
        assertThat(text).contains("\n  ").endsWith("\n");
        List<Result> back = Json.read(file, new TypeReference<List<Result>>() {});
        assertThat(back).extracting(Result::nll).containsExactly(1.0, 2.0);
    }

    @Test
    void nonFiniteNumbersAreRefusedAndNothingIsWritten() {
        Path file = dir.resolve("nan.json");
        assertThatThrownBy(() -> Json.writeAtomic(file, result(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite number NaN")
                .hasMessageContaining("nll");
        Result infInArray = new Result("VAE", 1, 1, new float[] {1f}, new double[] {0, Double.POSITIVE_INFINITY}, Map.of());
        assertThatThrownBy(() -> Json.writeAtomic(file, infInArray))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity")
                .hasMessageContaining("times");
        Result nanFloat = new Result("VAE", 1, 1, new float[] {Float.NaN}, new double[0], Map.of());
        assertThatThrownBy(() -> Json.toJson(nanFloat)).hasMessageContaining("curve");
        assertThatThrownBy(() -> Json.toJson(Map.of("kl", Double.NEGATIVE_INFINITY)))
                .hasMessageContaining("-Infinity");
        assertThat(file).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void malformedOrMissingFileIsAUserErrorNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), Json.toJson(result(1)).replace("\"nll\"", "\"nlll\" : 1, \"nll\""));
        assertThatThrownBy(() -> Json.read(bad, Result.class))
                .isInstanceOf(UserError.class).hasMessageContaining("bad.json").hasMessageContaining("nlll")
                .hasMessageContaining("line ");
        // a missing primitive is an error, not a silent 0
        Path missing = Files.writeString(dir.resolve("noseed.json"), Json.toJson(result(1)).replace("\"seed\" : 42,", ""));
        assertThat(Files.readString(missing)).doesNotContain("seed");
        assertThatThrownBy(() -> Json.read(missing, Result.class))
                .isInstanceOf(UserError.class).hasMessageContaining("seed");
        Path nan = Files.writeString(dir.resolve("nan.json"), "{\"nll\": NaN}");
        assertThatThrownBy(() -> Json.read(nan, Result.class)).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> Json.read(dir.resolve("missing.json"), Result.class))
                .isInstanceOf(UserError.class).hasMessageContaining("missing.json").hasMessageContaining("does not exist");
    }

    @Test
    void unwritableParentFailsAndLeavesNothing() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        assertThatThrownBy(() -> Json.writeAtomic(blocker.resolve("d/r.json"), result(1)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("r.json");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }

    /** A record's setting missing from a stored tree is named, not reported as a null. */
    @Test
    void treeLackingASettingNamesIt() {
        record Settings(int width, double rate, boolean flag) {}
        var node = Json.tree(new Settings(3, 0.5, true));
        assertThat(Json.fromTree(node, Settings.class, "config.json")).isEqualTo(new Settings(3, 0.5, true));
        node.remove("rate");
        node.remove("flag");
        assertThatThrownBy(() -> Json.fromTree(node, Settings.class, "config.json"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("config.json: lacks the setting(s) rate, flag");
    }
}
