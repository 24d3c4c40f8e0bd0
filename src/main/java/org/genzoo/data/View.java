package org.genzoo.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.genzoo.core.UserError;
import org.genzoo.core.nn.Scalars;

/**
 * How a model sees its data: a transform applied to each batch, an {@code (b, dim)} float32
 * {@link NDArray} holding rows of a {@link Split}, and for {@link #FIXED_BINARY} a one-off
 * transform of the whole split.
 *
 * <p>Use: call {@link #prepare(Split, long)} once per split, then {@link #apply(NDArray)} on every
 * batch cut from the prepared split. {@link #trainingFor} and {@link #evaluationFor} pick the
 * usual view for a data kind and a model's likelihood.
 */
public enum View {
    /**
     * Grey levels as they are, for models of 256 discrete levels (e.g. a softmax or discretised
     * logistic per pixel). Identity.
     */
    GREY,
    /**
     * Stochastic binarisation for training binary models on grey data (Salakhutdinov and Murray,
     * 2008): {@code x_bin = [u < x]}, {@code u ~ U(0,1)}, drawn afresh on every call, so every epoch
     * sees new binary images whose mean is the grey image. Uses the engine's RNG
     * ({@code manager.randomUniform}), which the engine seed controls.
     */
    DYNAMIC_BINARY,
    /**
     * Binarisation fixed by a seed, for evaluating binary models on grey data: the same seed gives
     * the same binary split. Done once per split in Java ({@link #prepare}) with a
     * {@link SplittableRandom}, so it neither uses nor disturbs the engine RNG; batches pass
     * through unchanged.
     */
    FIXED_BINARY,
    /**
     * Uniform dequantisation for continuous densities on 256-level data (Theis et al., 2016):
     * {@code y = (k + u) / 256} with {@code k = round(255 x)} and {@code u ~ U[0, 1 - 2^-15)}, so
     * {@code y ∈ [0, 1)} and {@code floor(256 y) = k} exactly in float32 (u stops 2^-15 short of 1
     * because {@code 255 + u} would otherwise round up to 256). A density {@code p(y)} then bounds
     * the discrete likelihood: {@code -log P(x) ≤ E_u[-log p(y)] + D log 256} nats (Jensen over the cell of volume 256^-D), D = dim.
     * Uses the engine's RNG.
     */
    DEQUANTISED,
    /** Values as they are, for continuous or already binary data. Identity. */
    IDENTITY;

    /** Upper end of the dequantisation noise: the largest float32 step that keeps floor exact. */
    static final float DEQUANT_HIGH = 1f - 1f / 32_768f;

    /**
     * The view to train with.
     *
     * @param kind the data's kind
     * @param binaryModel true when the model's likelihood is over {0,1} values
     * @throws UserError when a binary model is asked to fit continuous data
     */
    public static View trainingFor(DataKind kind, boolean binaryModel) {
        return switch (kind) {
            case BINARY -> IDENTITY;
            case GREY -> binaryModel ? DYNAMIC_BINARY : DEQUANTISED;
            case CONTINUOUS -> {
                if (binaryModel) {
                    throw new UserError("a binary model cannot fit CONTINUOUS data: choose binary or grey data (e.g. mnist, binary-synthetic)");
                }
                yield IDENTITY;
            }
        };
    }

    /** Same as {@link #trainingFor}. */
    public static View defaultFor(DataKind kind, boolean binaryModel) {
        return trainingFor(kind, binaryModel);
    }

    /**
     * The view to evaluate with: like {@link #trainingFor}, but grey data for a binary model is
     * binarised once with a fixed seed ({@link #FIXED_BINARY}) so every model is scored on the
     * same binary images.
     */
    public static View evaluationFor(DataKind kind, boolean binaryModel) {
        View v = trainingFor(kind, binaryModel);
        return v == DYNAMIC_BINARY ? FIXED_BINARY : v;
    }

    /** The kind of values a model sees through this view of {@code dataKind} data. */
    public DataKind kindSeen(DataKind dataKind) {
        return switch (this) {
            case DYNAMIC_BINARY, FIXED_BINARY -> DataKind.BINARY;
            case DEQUANTISED -> DataKind.CONTINUOUS;
            default -> dataKind;
        };
    }

    /**
     * A seed for one split derived from a run seed, so the splits get different fixed
     * binarisations: {@code seed} mixed with the split name's hash.
     */
    public static long splitSeed(long seed, String split) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * split.hashCode())).nextLong();
    }

    /**
     * Transforms a whole split once. {@link #FIXED_BINARY} returns a new split with
     * {@code x_bin = [u < x]}, {@code u} drawn by {@code new SplittableRandom(seed).nextDouble()}
     * in row-major order (labels kept); every other view returns {@code split} itself.
     *
     * @param split the split, values in [0, 1] for FIXED_BINARY
     * @param seed the binarisation seed (use {@link #splitSeed} for a different one per split)
     */
    public Split prepare(Split split, long seed) {
        if (this != FIXED_BINARY) {
            return split;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = split.values();
        float[] b = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = rng.nextDouble() < x[i] ? 1f : 0f;
        }
        return new Split(b, split.size(), split.dim(), split.labels());
    }

    /**
     * Transforms one batch. The result lives in the batch's manager. Identity views
     * ({@link #GREY}, {@link #FIXED_BINARY}, {@link #IDENTITY}) return {@code batch} itself, not a
     * copy; the others return a new float32 array and close their intermediates.
     *
     * @param batch {@code (b, dim)} float32 values of a (prepared) split
     */
    public NDArray apply(NDArray batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        NDManager m = batch.getManager();
        switch (this) {
            case DYNAMIC_BINARY: {
                try (NDArray u = m.randomUniform(0f, 1f, batch.getShape(), DataType.FLOAT32);
                        NDArray below = u.lt(batch)) {
                    return below.toType(DataType.FLOAT32, true);
                }
            }
            case DEQUANTISED: {
                try (NDArray scaled = Scalars.times(batch, 255f);
                        NDArray k = scaled.round();
                        NDArray u = m.randomUniform(0f, DEQUANT_HIGH, batch.getShape(), DataType.FLOAT32);
                        NDArray sum = k.add(u)) {
                    return Scalars.over(sum, 256f);
                }
            }
            default:
                return batch;
        }
    }
}
