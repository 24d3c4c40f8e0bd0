package org.genzoo.data;

/**
 * How {@link Datasets#load} reads or generates a data set.
 *
 * @param limit at most this many examples per split (the first ones), for tests and smoke runs;
 *     0 keeps all
 * @param seed seed of the generated (toy and binary-synthetic) data; ignored for files
 * @param toyTrain training examples generated for toy data
 * @param toyValid validation examples generated for toy data
 * @param toyTest test examples generated for toy data
 */
public record LoadOptions(int limit, long seed, int toyTrain, int toyValid, int toyTest) {
    /** Default seed of generated data. */
    public static final long DEFAULT_SEED = 1234L;

    /** Validates the sizes. */
    public LoadOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or positive, got " + limit);
        }
        if (toyTrain <= 0 || toyValid <= 0 || toyTest <= 0) {
            throw new IllegalArgumentException("toy split sizes must be positive, got "
                    + toyTrain + "/" + toyValid + "/" + toyTest);
        }
    }

    /** All examples, seed 1234, toy sizes 20,000 / 5,000 / 5,000. */
    public static LoadOptions defaults() {
        return new LoadOptions(0, DEFAULT_SEED, 20_000, 5_000, 5_000);
    }

    /** These options with at most {@code limit} examples per split (0 = all). */
    public LoadOptions withLimit(int limit) {
        return new LoadOptions(limit, seed, toyTrain, toyValid, toyTest);
    }

    /** These options with another seed for generated data. */
    public LoadOptions withSeed(long seed) {
        return new LoadOptions(limit, seed, toyTrain, toyValid, toyTest);
    }

    /** These options with other toy split sizes. */
    public LoadOptions withToySizes(int train, int valid, int test) {
        return new LoadOptions(limit, seed, train, valid, test);
    }
}
