package org.genzoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.genzoo.core.MemoryBudget;
import org.genzoo.core.Sampler;
import org.genzoo.eval.ChainDoubles;
import org.junit.jupiter.api.Test;

/**
 * {@code sample --steps K} as the library runs it: a Markov chain stopped after K transitions
 * ({@code MarkovChainSampler.after}), drawn chunk by chunk by {@link Runs#draw}. The counting chain
 * makes every value of a sample equal to the number of transitions it ran.
 */
class ChainStepsTest {
    @Test
    void everyChunkRunsItsChainsForExactlyKTransitions() throws Exception {
        try (NDManager root = NDManager.newBaseManager();
                ChainDoubles.Counter chain = new ChainDoubles.Counter(root, 3)) {
            for (int k : new int[] {0, 1, 13}) {
                Sampler s = chain.after(k);
                assertThat(s.oneShotSampling()).isFalse();
                // 1,000 bytes a row and a 7,000-byte budget: chunks of 7 rows, so 25 rows take 4 chunks
                List<Integer> chunks = new ArrayList<>();
                List<Float> values = new ArrayList<>();
                Runs.draw(s, 3, 25, 0, false, new MemoryBudget(7000), root, (flat, count) -> {
                    chunks.add(count);
                    assertThat(flat).hasSize(count * 3); // the visible part only, not the hidden value
                    for (float v : flat) {
                        values.add(v);
                    }
                });
                assertThat(chunks).containsExactly(7, 7, 7, 4);
                assertThat(values).hasSize(75).containsOnly((float) k);
            }
            // without --steps, the chain's own default number of transitions
            float[][] rows = Runs.draw(chain, 3, 5, 0, root);
            assertThat(rows[0]).containsOnly((float) chain.defaultSteps());
            assertThatThrownBy(() -> chain.after(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("steps");
        }
    }
}
