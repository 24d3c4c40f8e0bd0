package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Chunking by rows gives the rows of the whole computation, in order, whatever the chunk. */
class BatchesTest {

    @Test
    void rowChunksJoinToTheWholeResult() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 21f).reshape(7, 3);
            float[] whole = x.sum(new int[] {1}).mul(x.get(":, 0")).toFloatArray();
            for (long chunk : new long[] {1, 2, 3, 7, 100}) {
                NDArray got = Batches.inRowChunks(x, chunk, r -> r.sum(new int[] {1}).mul(r.get(":, 0")));
                assertThat(got.getShape()).as("chunk %d", chunk).isEqualTo(new Shape(7));
                assertThat(got.toFloatArray()).as("chunk %d", chunk).containsExactly(whole);
            }
        }
    }
}
