package org.genzoo.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.genzoo.core.UserError;

/**
 * Loads a data set by name: a built-in one ({@link #builtInNames()}), a directory of IDX files, a
 * {@code .csv} or a {@code .npy} file.
 *
 * <p>Splits:
 * <ul>
 *   <li>IDX images (MNIST, Fashion-MNIST, a user's IDX directory): the first (N - 10,000) training
 *       images train, the last 10,000 validate, the test file tests: 50,000 / 10,000 / 10,000 for
 *       MNIST. GREY kind, values {@code byte / 255f}, shape {@code {rows, cols}} from the header,
 *       labels kept.
 *   <li>Generated data ({@link ToyData}, {@link BinarySynthetic}): {@link LoadOptions#toyTrain()}
 *       / {@code toyValid} / {@code toyTest} examples from {@link LoadOptions#seed()}.
 *   <li>A user's CSV or NPY file of N rows, in file order: the first {@code N - 2v} rows train, the
 *       next {@code v} validate and the last {@code v} test, with {@code v = max(1, floor(N/10))}
 *       (80/10/10). BINARY kind when every value is 0 or 1, CONTINUOUS otherwise; no labels.
 * </ul>
 * {@link LoadOptions#limit()} then keeps the first {@code limit} examples of each split.
 *
 * <p>{@link Dataset#sha256()} is the SHA-256 of the float32 values (little-endian bit patterns)
 * of train, then valid, then test, as returned (after the limit).
 */
public final class Datasets {
    /** Examples held out of the end of an IDX training file for validation. */
    public static final int IDX_VALID = 10_000;

    private static final Map<String, String> BUILT_INS = new LinkedHashMap<>();

    static {
        BUILT_INS.put("mnist", "MNIST handwritten digits, 28x28 grey, 50k/10k/10k (fetch first: genzoo data fetch mnist)");
        BUILT_INS.put("fashion-mnist", "Fashion-MNIST clothing images, 28x28 grey, 50k/10k/10k (fetch first: genzoo data fetch fashion-mnist)");
        BUILT_INS.put("ring8", "8 Gaussians (std 0.02) evenly on a circle of radius 2, 2-D (VEEGAN/PacGAN mode-count setting)");
        BUILT_INS.put("grid25", "25 Gaussians (std 0.05) on the grid {-4,-2,0,2,4}^2, 2-D (VEEGAN/PacGAN mode-count setting)");
        BUILT_INS.put("moons", "two interleaving half circles with Gaussian noise 0.05, 2-D");
        BUILT_INS.put("checkerboard", "uniform on the 8 black squares of a 4x4 checkerboard on [-4,4]^2, 2-D");
        BUILT_INS.put("binary-synthetic", "16-bit vectors from a mixture of 8 product-Bernoullis with exactly known entropy");
    }

    private Datasets() {}

    /** The built-in data set names, in display order. */
    public static List<String> builtInNames() {
        return List.copyOf(BUILT_INS.keySet());
    }

    /** A one-line description of built-in data set {@code name}. */
    public static String description(String name) {
        String d = BUILT_INS.get(name);
        if (d == null) {
            throw new UserError("unknown data set '" + name + "': expected one of " + builtInNames());
        }
        return d;
    }

    /** {@link #load(String, LoadOptions)} with {@link LoadOptions#defaults()}. */
    public static Dataset load(String name) {
        return load(name, LoadOptions.defaults());
    }

    /**
     * Loads or generates data set {@code name}.
     *
     * @param name a built-in name, a directory holding {@code train-images-idx3-ubyte},
     *     {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
     *     {@code t10k-labels-idx1-ubyte} (each raw or {@code .gz}), or a {@code .csv} / {@code .npy}
     *     file; built-in names win over paths, so write {@code ./mnist} for a folder called mnist
     * @param opts limit, seed and toy sizes
     * @throws UserError when the name is unknown, a fetched set is not in the cache, or a file is
     *     malformed
     */
    public static Dataset load(String name, LoadOptions opts) {
        if (name == null || name.isBlank()) {
            throw new UserError("data set name is empty: expected one of " + builtInNames() + ", a directory of IDX files, a .csv or a .npy file");
        }
        if (opts == null) {
            opts = LoadOptions.defaults();
        }
        return switch (name) {
            case "mnist", "fashion-mnist" -> loadCached(name, opts);
            case "ring8" -> mixture(name, ToyData.ring8Mixture(), opts);
            case "grid25" -> mixture(name, ToyData.grid25Mixture(), opts);
            case "moons" -> generated(name, opts, DataSpec.vector(2, DataKind.CONTINUOUS), ToyData::sampleMoons,
                    Optional.empty(), OptionalDouble.empty());
            case "checkerboard" -> generated(name, opts, DataSpec.vector(2, DataKind.CONTINUOUS),
                    ToyData::sampleCheckerboard, Optional.empty(), OptionalDouble.of(Math.log(32))); // uniform on 8 squares of area 4
            case "binary-synthetic" -> generated(name, opts,
                    DataSpec.vector(BinarySynthetic.DIM, DataKind.BINARY), BinarySynthetic::sample,
                    Optional.empty(), OptionalDouble.of(BinarySynthetic.entropyNats()));
            default -> loadPath(name, opts);
        };
    }

    private static Dataset loadCached(String name, LoadOptions opts) {
        Path dir = DataHome.cacheDir(name);
        if (!IdxDirectory.isComplete(dir)) {
            throw new UserError("data set '" + name + "' is not in the cache (" + dir
                    + "): run `genzoo data fetch " + name + "` first");
        }
        return IdxDirectory.load(dir, name, opts);
    }

    private static Dataset loadPath(String name, LoadOptions opts) {
        Path p = Path.of(name);
        String lower = name.toLowerCase(Locale.ROOT);
        if (Files.isDirectory(p)) {
            return IdxDirectory.load(p, name, opts);
        }
        if (lower.endsWith(".csv")) {
            return fromTable(name, CsvReader.read(p), opts);
        }
        if (lower.endsWith(".npy")) {
            return fromTable(name, NpyReader.read(p), opts);
        }
        throw new UserError("unknown data set '" + name + "': expected one of " + builtInNames()
                + ", a directory of IDX files, a .csv or a .npy file");
    }

    /** Splits a user's table 80/10/10 in file order; see the class comment. */
    static Dataset fromTable(String name, Table t, LoadOptions opts) {
        if (t.rows() < 3) {
            throw new UserError(name + ": has " + t.rows() + " examples, expected at least 3 (one each for train, valid and test)");
        }
        int v = Math.max(1, t.rows() / 10);
        int nTrain = t.rows() - 2 * v;
        DataSpec spec = DataSpec.vector(t.cols(), t.isBinary() ? DataKind.BINARY : DataKind.CONTINUOUS);
        Split train = rows(t, 0, nTrain);
        Split valid = rows(t, nTrain, v);
        Split test = rows(t, nTrain + v, v);
        return assemble(name, spec, train, valid, test, opts, Optional.empty(), OptionalDouble.empty());
    }

    private static Split rows(Table t, int from, int count) {
        float[] v = new float[count * t.cols()];
        System.arraycopy(t.values(), from * t.cols(), v, 0, v.length);
        return new Split(v, count, t.cols(), null);
    }

    private static Dataset mixture(String name, MixtureSpec mix, LoadOptions opts) {
        return generated(name, opts, DataSpec.vector(2, DataKind.CONTINUOUS),
                (n, rng) -> ToyData.sampleMixture(mix, n, rng), Optional.of(mix), OptionalDouble.empty());
    }

    /** Draws one split of generated data. */
    @FunctionalInterface
    interface Sampler {
        Split sample(int n, SplittableRandom rng);
    }

    private static Dataset generated(String name, LoadOptions opts, DataSpec spec, Sampler sampler,
            Optional<MixtureSpec> mix, OptionalDouble entropy) {
        SplittableRandom root = new SplittableRandom(opts.seed());
        // One independent stream per split, split off in a fixed order (see ToyData).
        SplittableRandom rTrain = root.split();
        SplittableRandom rValid = root.split();
        SplittableRandom rTest = root.split();
        int lim = opts.limit() == 0 ? Integer.MAX_VALUE : opts.limit();
        Split train = sampler.sample(Math.min(lim, opts.toyTrain()), rTrain);
        Split valid = sampler.sample(Math.min(lim, opts.toyValid()), rValid);
        Split test = sampler.sample(Math.min(lim, opts.toyTest()), rTest);
        return assemble(name, spec, train, valid, test, opts, mix, entropy);
    }

    /** Applies the limit and computes the hash. */
    static Dataset assemble(String name, DataSpec spec, Split train, Split valid, Split test,
            LoadOptions opts, Optional<MixtureSpec> mix, OptionalDouble entropy) {
        if (opts.limit() > 0) {
            train = train.size() > opts.limit() ? train.head(opts.limit()) : train;
            valid = valid.size() > opts.limit() ? valid.head(opts.limit()) : valid;
            test = test.size() > opts.limit() ? test.head(opts.limit()) : test;
        }
        return new Dataset(name, spec, train, valid, test, sha256(train, valid, test), mix, entropy);
    }

    /** Hex SHA-256 of the splits' float32 values, little-endian, in the order given. */
    public static String sha256(Split... splits) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * 65_536).order(ByteOrder.LITTLE_ENDIAN);
        for (Split s : splits) {
            float[] v = s.values();
            for (int i = 0; i < v.length; i += 65_536) {
                int m = Math.min(65_536, v.length - i);
                buf.clear();
                buf.asFloatBuffer().put(v, i, m);
                md.update(buf.array(), 0, 4 * m);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
