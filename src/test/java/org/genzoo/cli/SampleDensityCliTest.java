package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.genzoo.Runs;
import org.genzoo.cli.CliTest.Out;
import org.genzoo.core.Seeds;
import org.genzoo.explicit.tractable.flow.Flow;
import org.genzoo.report.Plots;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample} on 2-D data: a model with a density gets a heat map beside its scatter, a GAN
 * none; {@code --temperature} samples a flow at T and is a one-line error for other models.
 */
class SampleDensityCliTest {
    @TempDir
    static Path tmp;

    static Path flow;
    static Path vae;
    static Path gan;

    private static Path train(String model, String... extra) {
        Path dir = tmp.resolve(model);
        List<String> args = new ArrayList<>(List.of("train", model, "--data", "ring8", "--epochs", "1",
                "--max-batches", "3", "--limit", "300", "--out", dir.toString(), "--quiet", "--set", "batch=50"));
        args.addAll(List.of(extra));
        Out t = CliTest.run(args.toArray(String[]::new));
        assertThat(t.code()).as(t.err()).isZero();
        return dir;
    }

    @BeforeAll
    static void trainTinyRuns() {
        flow = train("realnvp");
        vae = train("vae", "--set", "latent=2");
        gan = train("gan");
    }

    private static void assertHeatMap(Path png) throws Exception {
        assertThat(png).isRegularFile();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(Plots.DEFAULT_HEAT_WIDTH);
        assertThat(img.getHeight()).isEqualTo(Plots.DEFAULT_SCATTER_SIDE);
    }

    @Test
    void modelsWithADensityGetAHeatMapBesideTheirSamplesAndAGanNone() throws Exception {
        Out f = CliTest.run("sample", flow.toString(), "-n", "200", "--out", tmp.resolve("f.png").toString());
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(tmp.resolve("f.png")).isRegularFile();
        assertHeatMap(tmp.resolve("f-density.png"));
        assertThat(f.out()).contains("f-density.png");

        Out v = CliTest.run("sample", vae.toString(), "-n", "200", "--out", tmp.resolve("v.png").toString());
        assertThat(v.code()).as(v.err()).isZero();
        assertHeatMap(tmp.resolve("v-density.png")); // a bound, drawn all the same

        Out g = CliTest.run("sample", gan.toString(), "-n", "200", "--out", tmp.resolve("g.png").toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(tmp.resolve("g.png")).isRegularFile();
        assertThat(tmp.resolve("g-density.png")).doesNotExist();
        assertThat(g.out()).doesNotContain("density");

        // an existing density picture is kept unless --force, before any work
        Out again = CliTest.run("sample", flow.toString(), "-n", "200", "--out", tmp.resolve("f2.png").toString());
        assertThat(again.code()).isZero();
        Files.delete(tmp.resolve("f2.png"));
        Out refused = CliTest.run("sample", flow.toString(), "-n", "200", "--out", tmp.resolve("f2.png").toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("f2-density.png").contains("--force");
        assertThat(tmp.resolve("f2.png")).doesNotExist();
    }

    private static float[] csv(Path p) throws Exception {
        List<String> lines = Files.readAllLines(p);
        float[] v = new float[lines.size() * 2];
        for (int i = 0; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            v[2 * i] = Float.parseFloat(c[0]);
            v[2 * i + 1] = Float.parseFloat(c[1]);
        }
        return v;
    }

    @Test
    void aFlowAtTemperatureGivesTheLibrarysSamplesAtThatTemperature() throws Exception {
        Path cool = tmp.resolve("cool.csv");
        Out o = CliTest.run("sample", flow.toString(), "-n", "50", "--seed", "3", "--temperature", "0.5",
                "--out", cool.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Path plain = tmp.resolve("plain.csv");
        assertThat(CliTest.run("sample", flow.toString(), "-n", "50", "--seed", "3", "--out", plain.toString()).code())
                .isZero();
        float[] expected;
        try (Runs.Opened run = Runs.open(flow); NDManager sm = run.root().newSubManager()) {
            Seeds.seedEngine(3, "samples", 0); // as sample seeds its first block
            expected = ((Flow<?>) run.model()).sample(sm, 50, 0.5).toFloatArray();
        }
        assertThat(csv(cool)).containsExactly(expected);
        assertThat(csv(plain)).as("the temperature matters").isNotEqualTo(expected);
    }

    @Test
    void aTemperatureForAModelWithoutOneOrOutOfRangeIsAOneLineError() {
        String[][] cases = {
            {"sample", gan.toString(), "--temperature", "0.5", "--out", tmp.resolve("gt.csv").toString()},
            {"sample", flow.toString(), "--temperature", "0", "--out", tmp.resolve("z.csv").toString()},
            {"sample", flow.toString(), "--temperature", "-1", "--out", tmp.resolve("n.csv").toString()},
            {"sample", flow.toString(), "--temperature", "NaN", "--out", tmp.resolve("nan.csv").toString()},
        };
        for (String[] c : cases) {
            Out o = CliTest.run(c);
            String what = String.join(" ", c) + " -> " + o.err();
            assertThat(o.code()).as(what).isEqualTo(2);
            assertThat(o.err().strip().lines().count()).as(what).isEqualTo(1);
            assertThat(o.err()).as(what).startsWith("genzoo: ").contains("--temperature").doesNotContain("Exception");
        }
        assertThat(tmp.resolve("gt.csv")).doesNotExist();
    }
}
