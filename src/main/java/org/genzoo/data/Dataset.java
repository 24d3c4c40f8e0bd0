package org.genzoo.data;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A data set split three ways, with what a model and an evaluator need to know about it.
 *
 * @param name the name the user gave (a built-in name or a path)
 * @param spec the shape and kind of one example
 * @param train training split
 * @param valid validation split (early stopping)
 * @param test test split (reported figures)
 * @param sha256 hex SHA-256 over the three splits' values, recorded in every run for provenance
 * @param mixture the true modes when the data is a toy Gaussian mixture
 * @param entropyNats the exact entropy of the data distribution per example when it is known
 *     (a floor under any model's expected test NLL)
 */
public record Dataset(
        String name,
        DataSpec spec,
        Split train,
        Split valid,
        Split test,
        String sha256,
        Optional<MixtureSpec> mixture,
        OptionalDouble entropyNats) {

    /**
     * The split named {@code train}, {@code valid} (or {@code validation}) or {@code test}, or
     * {@code all}: the three joined in that order, which for a user's CSV or NPY file is every row
     * in file order (its splits are consecutive runs of rows).
     */
    public Split split(String which) {
        return switch (which) {
            case "train" -> train;
            case "valid", "validation" -> valid;
            case "test" -> test;
            case "all" -> Split.concat(train, valid, test);
            default -> throw new IllegalArgumentException(
                    "--split: expected train, valid, test or all, got '" + which + "'");
        };
    }
}
