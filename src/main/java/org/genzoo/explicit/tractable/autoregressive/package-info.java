/**
 * Explicit tractable density, fully visible belief networks (Goodfellow 2016, section 2.3.1):
 * {@code p(x) = Π_i p(x_i | x_<i)} by the chain rule of probability, so the log-likelihood is
 * exact and training is plain maximum likelihood, but a sample costs one network pass per
 * dimension. Models: {@link org.genzoo.explicit.tractable.autoregressive.Nade},
 * {@link org.genzoo.explicit.tractable.autoregressive.Made},
 * {@link org.genzoo.explicit.tractable.autoregressive.PixelCnn}; the O(n) sampling cost is
 * measured by {@link org.genzoo.explicit.tractable.autoregressive.SamplingScaling}.
 */
package org.genzoo.explicit.tractable.autoregressive;
