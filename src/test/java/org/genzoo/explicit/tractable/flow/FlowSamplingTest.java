package org.genzoo.explicit.tractable.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.core.GenerativeModel;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sampling is one inverse pass at a temperature: with the same noise, a sample at temperature T
 * maps back to exactly T times the latent of the sample at T = 1 ({@code f(x_T) = T f(x_1)}),
 * and {@code --set temperature=T} is the default that {@code sample} uses.
 */
class FlowSamplingTest {
    @ParameterizedTest
    @ValueSource(strings = {"nice", "realnvp", "glow"})
    void aSampleAtTemperatureTMapsBackToTTimesTheLatent(String kind) {
        Dataset ring8 = Datasets.load("ring8", LoadOptions.defaults().withToySizes(64, 32, 32));
        try (NDManager root = NDManager.newBaseManager();
                GenerativeModel g = Runs.build(Runs.spec(new Runs.Request(kind, Map.of("temperature", "0.7"), 1, 1L, 0),
                        ring8), root)) {
            Flow<?> f = (Flow<?>) g;
            f.bijection().initialize(ring8.train().toNDArray(root)); // ActNorm away from the identity
            Engine.getInstance().setRandomSeed(4);
            NDArray cool = f.sample(root, 50);
            Engine.getInstance().setRandomSeed(4);
            NDArray same = f.sample(root, 50, 0.7);
            Engine.getInstance().setRandomSeed(4);
            NDArray warm = f.sample(root, 50, 1.0);
            assertThat(same.toFloatArray()).as("the configured temperature is the default").containsExactly(cool.toFloatArray());
            NDArray zCool = f.bijection().forward(cool).value();
            NDArray zWarm = f.bijection().forward(warm).value();
            assertThat(BijectionContract.maxAbs(zCool.sub(zWarm.mul(0.7f)))).isLessThan(1e-4);
            assertThat(BijectionContract.maxAbs(zCool.sub(zWarm))).as("and T matters").isGreaterThan(0.1);
        }
    }
}
