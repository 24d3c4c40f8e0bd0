package org.genzoo;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.genzoo.core.Capabilities;
import org.genzoo.core.GenerativeModel;
import org.genzoo.core.Leaf;
import org.genzoo.core.Settings;
import org.genzoo.core.TrainConfig;
import org.genzoo.core.UserError;
import org.genzoo.core.optim.OptimizerSpec;
import org.genzoo.data.DataKind;
import org.genzoo.data.DataSpec;
import org.genzoo.eval.Estimator;
import org.genzoo.eval.Estimators;
import org.genzoo.explicit.approximate.markov.Dbm;
import org.genzoo.explicit.approximate.markov.DbmConfig;
import org.genzoo.explicit.approximate.markov.GaussianRbm;
import org.genzoo.explicit.approximate.markov.GaussianRbmConfig;
import org.genzoo.explicit.approximate.markov.Rbm;
import org.genzoo.explicit.approximate.markov.RbmConfig;
import org.genzoo.explicit.approximate.variational.Vae;
import org.genzoo.explicit.approximate.variational.VaeConfig;
import org.genzoo.explicit.tractable.autoregressive.Made;
import org.genzoo.explicit.tractable.autoregressive.MadeConfig;
import org.genzoo.explicit.tractable.autoregressive.Nade;
import org.genzoo.explicit.tractable.autoregressive.NadeConfig;
import org.genzoo.explicit.tractable.autoregressive.PixelCnn;
import org.genzoo.explicit.tractable.autoregressive.PixelCnnConfig;
import org.genzoo.explicit.tractable.flow.Flow;
import org.genzoo.explicit.tractable.flow.Glow;
import org.genzoo.explicit.tractable.flow.GlowConfig;
import org.genzoo.explicit.tractable.flow.Nice;
import org.genzoo.explicit.tractable.flow.NiceConfig;
import org.genzoo.explicit.tractable.flow.RealNvp;
import org.genzoo.explicit.tractable.flow.RealNvpConfig;
import org.genzoo.implicit.direct.Gan;
import org.genzoo.implicit.direct.GanConfig;
import org.genzoo.implicit.direct.Gmmn;
import org.genzoo.implicit.direct.GmmnAe;
import org.genzoo.implicit.direct.GmmnAeConfig;
import org.genzoo.implicit.direct.GmmnConfig;
import org.genzoo.implicit.markov.Gsn;
import org.genzoo.implicit.markov.GsnConfig;

/** The catalogue: every model genzoo has, by name, with its leaf, defaults and constructor. */
public final class Zoo {
    private static final Map<String, Entry<?>> ENTRIES = new LinkedHashMap<>();

    static {
        add(new Entry<>("vae", Leaf.VARIATIONAL, Vae.class, VaeConfig.class,
                "Variational autoencoder (Kingma & Welling 2013) with the IWAE bound (Burda et al. 2015)",
                d -> d.dim() <= 64 ? VaeConfig.toy() : VaeConfig.mnist(),
                // images: the learning-rate decay that took the MNIST VAE to <= 86.73 nats (docs/benchmarks.md)
                d -> new TrainConfig(d.dim() <= 64 ? 60 : 200, 100, OptimizerSpec.adam(1e-3), 0, 30, 0, 50,
                        d.dim() <= 64 ? 1.0 : 0.985),
                Vae::new));
        add(new Entry<>("gan", Leaf.DIRECT, Gan.class, GanConfig.class,
                "Generative adversarial network (Goodfellow et al. 2014), MLP players;"
                        + " on toy data with the R1 penalty and a weight average",
                d -> d.dim() <= 64 ? GanConfig.toy() : GanConfig.mnist(),
                // both players use these Adam settings (β1 = 0.5 as in DCGAN); toy data: 15,600 steps
                d -> new TrainConfig(d.dim() <= 64 ? 200 : 100, d.dim() <= 64 ? 256 : 100, OptimizerSpec.adam(d.dim() <= 64 ? 1e-3 : 2e-4, 0.5),
                        0, 0, 0, 50),
                Gan::new));
        add(new Entry<>("dcgan", Leaf.DIRECT, Gan.class, GanConfig.class,
                "Deep convolutional GAN (Radford, Metz & Chintala 2015): the GAN with strided-convolution players"
                        + " and batch normalisation; images only",
                d -> GanConfig.dcgan(),
                // the paper's Adam (lr 2e-4, β1 = 0.5) and batch size 128; 25 epochs is a guess, only one
                // epoch is measured so far (docs/benchmarks.md)
                d -> new TrainConfig(25, 128, OptimizerSpec.adam(2e-4, 0.5), 0, 0, 0, 50),
                Gan::dcgan));
        // kernel moment matching: one training default for the three (Gmmn.training)
        add(new Entry<>("gmmn", Leaf.DIRECT, Gmmn.class, GmmnConfig.class,
                "Generative moment matching network (Li, Swersky & Zemel 2015): a generator trained on the square"
                        + " root of MMD² under a sum of Gaussian kernels",
                d -> d.dim() <= 64 ? GmmnConfig.toy() : GmmnConfig.mnist(),
                Gmmn::training,
                (c, d, m) -> new Gmmn("gmmn", c, d, m)));
        add(new Entry<>("mmdnet", Leaf.DIRECT, Gmmn.class, GmmnConfig.class,
                "MMD net (Dziugaite, Roy & Ghahramani 2015): the same generator on the unbiased MMD² with one"
                        + " Gaussian kernel, its bandwidth the data's median distance",
                d -> GmmnConfig.mmdNet(d.dim() <= 64 ? GmmnConfig.toy() : GmmnConfig.mnist()),
                Gmmn::training,
                (c, d, m) -> new Gmmn("mmdnet", c, d, m)));
        add(new Entry<>("gmmnae", Leaf.DIRECT, GmmnAe.class, GmmnAeConfig.class,
                "GMMN+AE (Li, Swersky & Zemel 2015): an autoencoder first, then a GMMN in its code space;"
                        + " samples are decoded generated codes",
                d -> d.dim() <= 64 ? GmmnAeConfig.toy() : GmmnAeConfig.mnist(),
                Gmmn::training,
                GmmnAe::new));
        add(new Entry<>("nade", Leaf.AUTOREGRESSIVE, Nade.class, NadeConfig.class,
                "Neural autoregressive distribution estimator (Larochelle & Murray 2011), binary data",
                d -> d.dim() <= 64 ? NadeConfig.toy() : NadeConfig.mnist(),
                d -> new TrainConfig(d.dim() <= 64 ? 100 : 200, 100, OptimizerSpec.adam(d.dim() <= 64 ? 3e-3 : 1e-3),
                        0, d.dim() <= 64 ? 20 : 10, 0, 50),
                Nade::new));
        add(new Entry<>("made", Leaf.AUTOREGRESSIVE, Made.class, MadeConfig.class,
                "Masked autoencoder for distribution estimation (Germain et al. 2015), mask ensemble, binary data",
                d -> d.dim() <= 64 ? MadeConfig.toy() : MadeConfig.mnist(),
                d -> new TrainConfig(d.dim() <= 64 ? 100 : 200, 100, OptimizerSpec.adam(d.dim() <= 64 ? 3e-3 : 1e-3),
                        0, d.dim() <= 64 ? 20 : 10, 0, 50),
                Made::new));
        add(new Entry<>("pixelcnn", Leaf.AUTOREGRESSIVE, PixelCnn.class, PixelCnnConfig.class,
                "PixelCNN (van den Oord et al. 2016): masked convolutions, optional gated units, images only",
                d -> d.dim() <= 64 ? PixelCnnConfig.small() : PixelCnnConfig.mnist(),
                d -> new TrainConfig(d.dim() <= 64 ? 50 : 100, d.dim() <= 64 ? 100 : 64, OptimizerSpec.adam(1e-3),
                        0, 10, 0, 50),
                PixelCnn::new));
        // flows: toy data (20,000 points) in batches of 256, NICE 100 epochs at a constant rate, RealNVP and Glow
        // Flow.toyTraining(); images in batches of 100
        add(new Entry<>("nice", Leaf.FLOW, Nice.class, NiceConfig.class,
                "NICE (Dinh, Krueger & Bengio 2014): additive couplings, diagonal scaling, logistic prior",
                d -> d.dim() <= 64 ? NiceConfig.toy() : NiceConfig.mnist(),
                d -> new TrainConfig(100, d.dim() <= 64 ? 256 : 100, OptimizerSpec.adam(1e-3),
                        0, 20, 0, 50),
                Nice::new));
        add(new Entry<>("realnvp", Leaf.FLOW, RealNvp.class, RealNvpConfig.class,
                "RealNVP (Dinh, Sohl-Dickstein & Bengio 2016): affine couplings; multi-scale convolutional on images, MLP couplings on vectors",
                d -> d.dim() <= 64 ? RealNvpConfig.toy() : RealNvpConfig.mnist(),
                d -> d.dim() <= 64 ? Flow.toyTraining() : new TrainConfig(100, 100, OptimizerSpec.adam(1e-3), 0, 20, 0, 50),
                RealNvp::new));
        add(new Entry<>("glow", Leaf.FLOW, Glow.class, GlowConfig.class,
                "Glow-style flow (Kingma & Dhariwal 2018): ActNorm, LU invertible linear map, affine coupling;"
                        + " sampling temperature",
                d -> d.dim() <= 64 ? GlowConfig.toy() : GlowConfig.mnist(),
                d -> d.dim() <= 64 ? Flow.toyTraining() : new TrainConfig(100, 100, OptimizerSpec.adam(1e-3), 0, 20, 0, 50),
                Glow::new));
        // Boltzmann machines: SGD with momentum 0.9 as in Hinton's practical guide (2010, sections 9-10)
        add(new Entry<>("rbm", Leaf.MARKOV_CHAIN_EXPLICIT, Rbm.class, RbmConfig.class,
                "Restricted Boltzmann machine (Smolensky 1986; Hinton 2002), binary units, CD-k or PCD"
                        + " (Tieleman 2008); log Z by AIS (Salakhutdinov & Murray 2008) or exactly when small",
                d -> d.dim() <= 64 ? RbmConfig.toy() : RbmConfig.mnist(),
                d -> new TrainConfig(d.dim() <= 64 ? 100 : 20, 100, OptimizerSpec.sgd(d.dim() <= 64 ? 0.05 : 0.01, 0.9),
                        0, 0, 0, 50),
                Rbm::new));
        add(new Entry<>("grbm", Leaf.MARKOV_CHAIN_EXPLICIT, GaussianRbm.class, GaussianRbmConfig.class,
                "Gaussian-Bernoulli RBM (Hinton 2010; learned sigma as in Krizhevsky 2009), real data, CD-k or PCD",
                d -> d.dim() <= 64 ? GaussianRbmConfig.toy() : GaussianRbmConfig.images(),
                d -> new TrainConfig(d.dim() <= 64 ? 50 : 20, d.dim() <= 64 ? 256 : 100,
                        OptimizerSpec.sgd(d.dim() <= 64 ? 0.01 : 0.001, 0.9), 0, 0, 0, 50),
                GaussianRbm::new));
        // S&H 2009's code: SGD with momentum 0.9, joint-training rate 0.001 (pretraining 0.05, via
        // pretrainLrFactor), divided by 1.000015 per update: 0.9925 per epoch of 500 updates
        add(new Entry<>("dbm", Leaf.MARKOV_CHAIN_EXPLICIT, Dbm.class, DbmConfig.class,
                "Deep Boltzmann machine (Salakhutdinov & Hinton 2009), two hidden layers: greedy pretraining,"
                        + " then mean-field and persistent Gibbs chains; binary data",
                d -> d.dim() <= 64 ? DbmConfig.small() : DbmConfig.mnist(),
                d -> new TrainConfig(d.dim() <= 64 ? 50 : 100, 100,
                        OptimizerSpec.sgd(d.dim() <= 64 ? 0.005 : 0.001, 0.9), 0, 0, 0, 50,
                        d.dim() <= 64 ? 1.0 : 0.9925),
                Dbm::new));
        // GSN: Adam 1e-3; toy data (20,000 points) in batches of 256 for 100 epochs, the rate decayed to 1.7 % of it
        add(new Entry<>("gsn", Leaf.MARKOV_CHAIN_IMPLICIT, Gsn.class, GsnConfig.class,
                "Generative stochastic network (Bengio et al. 2014): the denoising autoencoder's corrupt-and-reconstruct"
                        + " chain (Bengio, Yao, Alain & Vincent 2013), walkback training",
                d -> d.kind() == DataKind.CONTINUOUS && d.dim() <= 64 ? GsnConfig.toy()
                        : d.dim() <= 64 ? GsnConfig.binaryVectors() : GsnConfig.mnist(),
                d -> new TrainConfig(100, d.dim() <= 64 ? 256 : 100, OptimizerSpec.adam(1e-3), 0, 0, 0, 50,
                        d.dim() <= 64 ? 0.96 : 1.0),
                Gsn::new));
    }

    private Zoo() {}

    /** Builds a model from its config. */
    @FunctionalInterface
    public interface Factory<C extends Record> {
        /** A model with fresh parameters, under {@code manager}. */
        GenerativeModel create(C config, DataSpec data, NDManager manager);
    }

    /**
     * One model of the catalogue.
     *
     * @param name the name the CLI takes
     * @param leaf its leaf of the taxonomy
     * @param type its class, from which its capabilities are read
     * @param configType its hyperparameter record
     * @param summary one line: what it is and the paper
     * @param defaults default hyperparameters for a data shape
     * @param training default training settings for a data shape
     * @param factory its constructor
     */
    public record Entry<C extends Record>(String name, Leaf leaf, Class<? extends GenerativeModel> type,
            Class<C> configType, String summary, Function<DataSpec, C> defaults,
            Function<DataSpec, TrainConfig> training, Factory<C> factory) {

        /** The capability interfaces the model implements, by name. */
        public List<String> capabilities() {
            return Capabilities.of(type);
        }

        /** The estimators of {@code eval} the model has the capabilities for (some also need suitable data). */
        public List<String> estimators() {
            return Estimators.forType(type).stream().map(Estimator::name).toList();
        }

        /** The model's settings with their defaults for data of shape {@code data}, and their meanings. */
        public List<Settings.Described> settings(DataSpec data) {
            return Settings.describe(defaults.apply(data));
        }

        /** The training settings with their defaults for data of shape {@code data}, and their meanings. */
        public List<Settings.Described> trainingSettings(DataSpec data) {
            return Settings.describe(training.apply(data));
        }

        /** Builds the model from a config object of this entry's type. */
        public GenerativeModel create(Record config, DataSpec data, NDManager manager) {
            return factory.create(configType.cast(config), data, manager);
        }
    }

    private static void add(Entry<?> e) {
        ENTRIES.put(e.name(), e);
    }

    /** Every model, in catalogue order. */
    public static List<Entry<?>> all() {
        return new ArrayList<>(ENTRIES.values());
    }

    /** The model called {@code name}; an unknown name is a {@link UserError} that lists the known ones. */
    public static Entry<?> get(String name) {
        Entry<?> e = ENTRIES.get(name);
        if (e == null) {
            throw new UserError("unknown model '" + name + "': expected one of " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }
}
