package org.genzoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.genzoo.Runs;
import org.genzoo.cli.CliTest.Out;
import org.genzoo.core.Params;
import org.genzoo.data.NpyTesting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genzoo export}: the .npz holds every parameter and buffer of the run, by name, and its config. */
class ExportCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    /** A tiny GAN run: the toy preset's weight average gives it buffers as well as parameters. */
    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        Out t = CliTest.run("train", "gan", "--data", "ring8", "--epochs", "1", "--max-batches", "3", "--limit", "300",
                "--out", run.toString(), "--quiet", "--set", "generatorHidden=8,8", "--set", "discriminatorHidden=8",
                "--set", "batch=50");
        assertThat(t.code()).as(t.err()).isZero();
    }

    @Test
    void npzHoldsEveryArrayOfTheRunByNameAndItsConfig() throws IOException {
        Path npz = tmp.resolve("out/params.npz");
        Out e = CliTest.run("export", run.toString(), "--out", npz.toString());
        assertThat(e.code()).as(e.err()).isZero();

        Path unz = Files.createDirectories(tmp.resolve("unzipped"));
        Map<String, Path> entries = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry en = z.getNextEntry(); en != null; en = z.getNextEntry()) {
                Path f = unz.resolve(en.getName());
                Files.copy(z, f);
                entries.put(en.getName(), f);
            }
        }
        assertThat(Files.readString(entries.get("config.json")))
                .isEqualTo(Files.readString(run.resolve(Runs.CONFIG)));
        try (Runs.Opened opened = Runs.open(run)) {
            Params p = opened.model().params();
            assertThat(p.asMap().keySet()).anyMatch(p::isBuffer).anyMatch(n -> !p.isBuffer(n));
            assertThat(entries).hasSize(p.asMap().size() + 1);
            for (Map.Entry<String, NDArray> a : p.asMap().entrySet()) {
                Path f = entries.get(a.getKey() + ".npy");
                assertThat(f).as(a.getKey()).isNotNull();
                NpyTesting.Array got = NpyTesting.read(f);
                long[] shape = a.getValue().getShape().getShape();
                assertThat(got.rows()).as(a.getKey()).isEqualTo(shape[0]);
                assertThat(got.cols()).as(a.getKey()).isEqualTo(shape.length == 2 ? shape[1] : 1);
                assertThat(got.values()).as(a.getKey()).containsExactly(a.getValue().toFloatArray());
            }
        }
        assertThat(e.out()).contains("exported").contains(npz.toString());
    }

    @Test
    void existingOutputIsKeptUnlessForced() throws IOException {
        Path npz = tmp.resolve("kept.npz");
        Files.writeString(npz, "mine");
        Out o = CliTest.run("export", run.toString(), "--out", npz.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().strip().lines()).hasSize(1);
        assertThat(o.err()).contains("exists already").contains("--force");
        assertThat(Files.readString(npz)).isEqualTo("mine");
        Out f = CliTest.run("export", run.toString(), "--out", npz.toString(), "--force");
        assertThat(f.code()).as(f.err()).isZero();
        try (InputStream in = Files.newInputStream(npz)) {
            assertThat(in.readNBytes(2)).containsExactly('P', 'K');
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void badRunOrOutputIsAOneLineError() throws IOException {
        Path notRun = Files.createDirectories(tmp.resolve("empty"));
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        for (String[] args : new String[][] {
                {"export", tmp.resolve("no-such-run").toString(), "--out", tmp.resolve("a.npz").toString()},
                {"export", notRun.toString(), "--out", tmp.resolve("b.npz").toString()},
                {"export", run.toString(), "--out", tmp.resolve("c.txt").toString()},
                {"export", run.toString(), "--out", file.resolve("d.npz").toString()},
                {"export", run.toString(), "--out", Files.createDirectories(tmp.resolve("dir.npz")).toString()},
                {"export", run.toString()}}) {
            Out o = CliTest.run(args);
            assertThat(o.code()).as(String.join(" ", args) + " -> " + o.err()).isEqualTo(2);
            assertThat(o.err().strip().lines()).as(o.err()).hasSize(1);
            assertThat(o.err()).startsWith("genzoo: ").doesNotContain("Exception");
        }
        assertThat(tmp.resolve("a.npz")).doesNotExist();
        assertThat(tmp.resolve("b.npz")).doesNotExist();
    }
}
