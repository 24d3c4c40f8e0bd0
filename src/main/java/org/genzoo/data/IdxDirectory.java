package org.genzoo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.genzoo.core.UserError;

/**
 * A directory with the four standard IDX files of an MNIST-like data set, each raw or gzipped:
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte} (a {@code .gz} suffix is allowed on any of them).
 */
public final class IdxDirectory {
    /** The four standard file names, without a {@code .gz} suffix. */
    public static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static final float[] GREY = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            GREY[i] = i / 255f;
        }
    }

    private IdxDirectory() {}

    /** The path of standard file {@code base} in {@code dir}, raw or {@code .gz}, if present. */
    public static Optional<Path> find(Path dir, String base) {
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) {
            return Optional.of(raw);
        }
        Path gz = dir.resolve(base + ".gz");
        return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
    }

    /** True when all four files are present (not checked for content). */
    public static boolean isComplete(Path dir) {
        return FILES.stream().allMatch(f -> find(dir, f).isPresent());
    }

    /**
     * Loads the directory: the last {@link Datasets#IDX_VALID} training images validate, the rest
     * train; GREY values {@code byte / 255f}; labels kept.
     */
    static Dataset load(Path dir, String name, LoadOptions opts) {
        Path[] p = new Path[4];
        for (int i = 0; i < 4; i++) {
            String base = FILES.get(i);
            p[i] = find(dir, base).orElseThrow(() -> new UserError(dir + ": missing " + base
                    + " (or " + base + ".gz), expected the four MNIST-style IDX files " + FILES));
        }
        Idx.IdxArray trainImages = Idx.readImages(p[0]);
        Idx.IdxArray trainLabels = Idx.readLabels(p[1]);
        Idx.IdxArray testImages = Idx.readImages(p[2]);
        Idx.IdxArray testLabels = Idx.readLabels(p[3]);
        checkPair(trainImages, trainLabels, p[0], p[1]);
        checkPair(testImages, testLabels, p[2], p[3]);
        int[] d = trainImages.dims();
        int[] dt = testImages.dims();
        if (d[1] != dt[1] || d[2] != dt[2]) {
            throw new UserError(p[2] + ": images are " + dt[1] + "x" + dt[2] + ", expected "
                    + d[1] + "x" + d[2] + " like " + p[0]);
        }
        if (trainImages.count() <= Datasets.IDX_VALID) {
            throw new UserError(p[0] + ": has " + trainImages.count() + " images, expected more than "
                    + Datasets.IDX_VALID + " (the last " + Datasets.IDX_VALID + " are the validation split)");
        }
        int lim = opts.limit() == 0 ? Integer.MAX_VALUE : opts.limit();
        int nTrain = trainImages.count() - Datasets.IDX_VALID;
        Split train = slice(trainImages, trainLabels, 0, Math.min(lim, nTrain));
        Split valid = slice(trainImages, trainLabels, nTrain, Math.min(lim, Datasets.IDX_VALID));
        Split test = slice(testImages, testLabels, 0, Math.min(lim, testImages.count()));
        DataSpec spec = new DataSpec(d[1] * d[2], new int[] {d[1], d[2]}, DataKind.GREY);
        return Datasets.assemble(name, spec, train, valid, test, opts, Optional.empty(), OptionalDouble.empty());
    }

    private static void checkPair(Idx.IdxArray images, Idx.IdxArray labels, Path imageFile, Path labelFile) {
        if (images.count() != labels.count()) {
            throw new UserError(labelFile + ": has " + labels.count() + " labels, expected "
                    + images.count() + " to match " + imageFile);
        }
    }

    /** Converts {@code count} images from {@code from} to floats (only those, to save memory). */
    private static Split slice(Idx.IdxArray images, Idx.IdxArray labels, int from, int count) {
        int dim = images.itemSize();
        byte[] src = images.data();
        float[] v = new float[count * dim];
        int off = from * dim;
        for (int i = 0; i < v.length; i++) {
            v[i] = GREY[src[off + i] & 0xff];
        }
        int[] l = new int[count];
        byte[] ls = labels.data();
        for (int i = 0; i < count; i++) {
            l[i] = ls[from + i] & 0xff;
        }
        return new Split(v, count, dim, l);
    }
}
