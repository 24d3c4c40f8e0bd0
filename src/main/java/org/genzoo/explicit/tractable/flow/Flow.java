package org.genzoo.explicit.tractable.flow;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.genzoo.core.ExactDensity;
import org.genzoo.core.Input;
import org.genzoo.core.Leaf;
import org.genzoo.core.LossParts;
import org.genzoo.core.ModelBase;
import org.genzoo.core.Params;
import org.genzoo.core.TemperatureSampler;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.UserError;
import org.genzoo.core.optim.OptimizerSet;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;

/**
 * A normalising flow: a base distribution {@code p_z} and a bijection {@code f} from data to
 * latent space, {@code z = f(x)}, composed rather than inherited, so NICE, RealNVP and Glow are
 * presets that assemble parts ({@link Nice}, {@link RealNvp}, {@link Glow}).
 *
 * <p>Likelihood: exact, by the change of variables (Dinh et al. 2014, eq. 1):
 * {@code log p(x) = log p_z(f(x)) + log |det ∂f(x)/∂x|}. Sampling is one pass:
 * {@code x = f⁻¹(z)}, {@code z ~ p_z}, optionally at a temperature T ({@code z ~ T · p_z}).
 * Training maximises the log-likelihood; the step reports its two terms as loss parts,
 * {@code prior} = {@code -mean log p_z(f(x))} and {@code logdet} = {@code -mean log |det|}, which
 * add up to the loss.
 *
 * <p><b>Units on 8-bit images.</b> The flow sees grey images as the evaluator's dequantised view
 * presents them (Theis et al. 2016), and its first layer is the logit transform ({@link Logit}):
 * <ol>
 *   <li>data: {@code k ∈ {0, …, 255}^D}; dequantised {@code y = (k + u) / 256 ∈ [0, 1)^D},
 *       {@code u ~ U[0, 1)^D};</li>
 *   <li>logit: {@code z₀ = logit(α + (1 - 2α) y)}, {@code log |∂z₀/∂y| = Σ_i [log(1 - 2α) - log s_i - log(1 - s_i)]};</li>
 *   <li>the rest of the flow and the prior: {@code log p_Y(y) = log p_z(f(z₀)) + log |det ∂f/∂z₀| + log |∂z₀/∂y|},
 *       a density on [0, 1)^D, which is what {@link #logProb} returns;</li>
 *   <li>the discrete likelihood: the cell of k has volume {@code 256^-D} in y, so by Jensen
 *       {@code log P(k) = log ∫_cell p_Y ≥ E_u[log p_Y(y)] - D log 256}; the evaluator subtracts
 *       {@code D log 256} from every log-likelihood of a dequantised view;</li>
 *   <li>bits per dimension: {@code (-log p_Y(y) + D log 256) / (D ln 2)}
 *       {@code = -log p_Y(y) / (D ln 2) + 8}, the figure RealNVP and Glow report (a density on
 *       {@code x = 256 y ∈ [0, 256)^D} gives the same number, since {@code log p_X = log p_Y - D log 256}).</li>
 * </ol>
 * A hand-checkable case: the logit alone under a standard logistic prior gives
 * {@code log p_Y(y) = D log(1 - 2α)} for every y (the logistic density at {@code logit(s)} is
 * {@code s(1 - s)}, which cancels the Jacobian), hence {@code 8 - log₂(1 - 2α)} bits/dim
 * ({@code FlowUnitsTest}).
 *
 * @param <C> the preset's hyperparameter record
 */
public abstract class Flow<C extends Record> extends ModelBase<C> implements ExactDensity, TemperatureSampler {
    private final BaseDistribution base;
    private final Bijection bijection;
    private final Shape event;
    private final double temperature;

    /**
     * @param kind the registered name
     * @param base the prior {@code p_z}
     * @param build assembles the bijection in {@link #params}, given the shape of one example
     *     (for vectors {@code (d)}, for images {@code (1, h, w)} when {@code images} is true)
     * @param images see grey images as {@code (1, h, w)} arrays rather than vectors
     * @param temperature default sampling temperature
     */
    protected Flow(String kind, C config, DataSpec data, NDManager parent, BaseDistribution base,
            Function<Params, Bijection> build, boolean images, double temperature) {
        super(kind, Leaf.FLOW, config, checkData(kind, data), parent);
        this.base = base;
        this.event = eventShape(data, images);
        this.temperature = checkTemperature(temperature);
        this.bijection = build.apply(params);
    }

    /**
     * The training of the {@code realnvp} and {@code glow} presets on 2-D toy data: 40 epochs in batches of 256, Adam at 2·10⁻³ decayed by 0.93 an
     * epoch (to 0.12 of it at the end). A constant 10⁻³ left the validation NLL swinging by
     * nats from epoch to epoch to the end (a RealNVP run diverged at epoch 65); the decay lets the
     * sharp modes settle.
     */
    public static TrainConfig toyTraining() {
        return new TrainConfig(40, 256, OptimizerSpec.adam(2e-3), 0, 20, 0, 50, 0.93);
    }

    private static DataSpec checkData(String kind, DataSpec data) {
        if (data.dim() < 2) {
            throw new UserError(kind + ": a coupling flow needs at least 2 values per example, the data has " + data.dim());
        }
        if (data.kind() == DataKind.BINARY) {
            throw new UserError(kind + ": a flow is a density on real values; binary data has none "
                    + "(choose grey or continuous data, e.g. mnist, ring8)");
        }
        return data;
    }

    private static double checkTemperature(double t) {
        FlowChecks.temperature(t);
        return t;
    }

    /**
     * The shape of one example as the bijection sees it, for presets that need it: build it from
     * the data's shape ({@code (1, h, w)} for images seen as images, {@code (d)} otherwise).
     */
    protected static Shape eventShape(DataSpec data, boolean images) {
        int[] s = data.shape();
        return images && data.isImage() ? new Shape(1, s[0], s[1]) : new Shape(data.dim());
    }

    @Override
    public Input input() {
        return Input.DEQUANTISED; // grey levels dequantised; continuous data as it is
    }

    /** The composite bijection, data to latent. */
    public Bijection bijection() {
        return bijection;
    }

    /** The base distribution. */
    public BaseDistribution base() {
        return base;
    }

    private NDArray toEvent(NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != data.dim()) {
            throw new IllegalArgumentException("x must be (rows, " + data.dim() + "), got " + x.getShape());
        }
        return x.reshape(new Shape(x.getShape().get(0)).addAll(event));
    }

    /** {@code log p_z(f(x))} and {@code log |det ∂f/∂x|}, each {@code (b,)}. */
    private NDArray[] terms(NDArray x, boolean training) {
        Bijection.Result r = bijection.forward(toEvent(x), training);
        return new NDArray[] {base.logProb(r.value()), r.logDet()};
    }

    @Override
    public NDArray logProb(NDArray x) {
        NDArray[] t = terms(x, false);
        return t[0].add(t[1]);
    }

    /** ActNorm's data-dependent start on {@code x}, if it has not happened yet (the first batch). */
    void initializeOn(NDArray x) {
        if (bijection.needsInit()) {
            bijection.initialize(toEvent(x));
        }
    }

    /**
     * The two parts of a training step's loss, {@code -mean log p_z(f(x))} and
     * {@code -mean log |det ∂f/∂x|}, with batch normalisation in training mode; recorded for
     * backpropagation when called inside a gradient collector.
     */
    NDArray[] lossParts(NDArray x) {
        NDArray[] t = terms(x, true);
        return new NDArray[] {t[0].mean().neg(), t[1].mean().neg()};
    }

    @Override
    public LossParts trainStep(NDArray x, OptimizerSet optimizers, NDManager scratch) {
        initializeOn(x);
        double prior;
        double logDet;
        double loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray[] parts = lossParts(x);
            NDArray nll = parts[0].add(parts[1]);
            gc.backward(nll);
            prior = parts[0].getFloat();
            logDet = parts[1].getFloat();
            loss = nll.getFloat();
        }
        optimizers.step("model", scratch);
        return new LossParts(loss).with("prior", prior).with("logdet", logDet);
    }

    @Override
    public NDArray sample(NDManager manager, int n) {
        return sample(manager, n, temperature);
    }

    /**
     * Draws {@code n} samples at temperature T: {@code x = f⁻¹(T z)}, {@code z ~ p_z}
     * (Kingma &amp; Dhariwal 2018, section 5.3).
     *
     * @return {@code (n, dim)} in data space
     */
    @Override
    public NDArray sample(NDManager manager, int n, double temperature) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        NDArray z = base.sample(manager, new Shape(n).addAll(event), temperature, params.type());
        NDArray x = bijection.inverse(z).value().reshape(n, data.dim());
        // grey levels: the logit's inverse reaches α / (1 - 2α) beyond [0, 1] only from the prior's far tails
        return data.kind() == DataKind.GREY ? x.clip(0f, 1f) : x;
    }
}
