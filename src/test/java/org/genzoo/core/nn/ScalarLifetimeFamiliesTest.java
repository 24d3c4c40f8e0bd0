package org.genzoo.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genzoo.Runs;
import org.genzoo.core.Backward;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.RunSpec;
import org.genzoo.core.Seeds;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.data.Dataset;
import org.genzoo.data.Datasets;
import org.genzoo.data.LoadOptions;
import org.genzoo.data.View;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model family trains to the same parameters, bit for bit, whether or not the garbage
 * collector runs and freed native memory is reused between each forward and backward pass.
 *
 * <p>A constant given to an operation as a Java number lives in a Java direct buffer that
 * autograd reads in the backward pass but Java no longer owns (see {@link Scalars}); this test
 * makes a collection fall exactly where that hurts, through {@link Backward}'s hook: it asks for
 * a collection, waits for the cleaner thread, and fills newly allocated small direct buffers
 * with 7, so a freed constant is most likely overwritten. With {@code Scalars.times(logVar, 0.5f)}
 * in {@code Vae} put back as {@code logVar.mul(0.5f)}, the vae case fails.
 */
class ScalarLifetimeFamiliesTest {
    private static final int STEPS = 4;
    private static Dataset ring8;
    private static Dataset binary;
    /** The scribbled buffers, kept reachable until the next backward pass has run. */
    private static volatile List<ByteBuffer> kept = List.of();

    @BeforeAll
    static void load() {
        ring8 = Datasets.load("ring8", LoadOptions.defaults().withToySizes(128, 32, 32));
        binary = Datasets.load("binary-synthetic", LoadOptions.defaults().withToySizes(128, 32, 32));
    }

    /** The parameters after {@link #STEPS} training steps on the first 64 training rows. */
    private static Map<String, float[]> train(String model, Dataset data, boolean scribble) throws Exception {
        RunSpec spec = Runs.spec(new Runs.Request(model, Map.of(), 1, 5L, 0), data);
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager root = NDManager.newBaseManager();
                GenerativeModel m = Runs.build(spec, root);
                OptimizerSet opt = new OptimizerSet(m.params(), m.parameterGroups(),
                        m.optimizerSpecs(spec.train().optimizer()), spec.train().optimizer());
                AutoCloseable hook = scribble ? Backward.hookForTests(() -> kept = FreedMemory.collectAndScribble()) : () -> {}) {
            View view = m.input().trainingView(data.spec().kind());
            NDArray rows = data.train().toNDArray(root, 0, 64);
            Seeds.seedEngine(5, "epoch", 1);
            for (int s = 0; s < STEPS; s++) {
                try (NDManager sm = root.newSubManager()) {
                    NDArray batch = rows.duplicate();
                    batch.attach(sm);
                    m.trainStep(view.apply(batch), opt, sm);
                }
            }
            m.params().asMap().forEach((k, v) -> out.put(k, v.toFloatArray()));
        }
        kept = List.of();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "gan", "realnvp", "made", "rbm", "grbm", "dbm", "gmmn", "mmdnet", "gmmnae", "gsn"})
    void aFamilysTrainingDoesNotDependOnWhenTheGarbageCollectorRuns(String model) throws Exception {
        Dataset data = List.of("rbm", "dbm", "made").contains(model) ? binary : ring8;
        Map<String, float[]> plain = train(model, data, false);
        Map<String, float[]> scribbled = train(model, data, true);
        assertThat(scribbled.keySet()).isEqualTo(plain.keySet());
        for (String name : plain.keySet()) {
            assertThat(scribbled.get(name)).as(model + " " + name).containsExactly(plain.get(name));
        }
    }
}
