/**
 * Data: what models train and are measured on.
 *
 * <p>{@link org.genzoo.data.Datasets#load} turns a name into a {@link org.genzoo.data.Dataset}
 * of three {@link org.genzoo.data.Split}s: MNIST and Fashion-MNIST from the cache that
 * {@link org.genzoo.data.DataFetcher} fills (IDX files read by {@link org.genzoo.data.Idx}), a
 * user's IDX directory, CSV or NPY file, or data generated in code: 2-D toy distributions
 * ({@link org.genzoo.data.ToyData}, some with known mixture modes) and binary vectors with an
 * exactly known entropy ({@link org.genzoo.data.BinarySynthetic}). A
 * {@link org.genzoo.data.View} says how a model sees a batch (binarised, dequantised or as is).
 */
package org.genzoo.data;
