/**
 * Explicit density, tractable, nonlinear ICA: normalising flows. {@code x = g(z)} with g
 * invertible and z from a simple density of x's dimension, so
 * {@code log p(x) = log p_z(g⁻¹(x)) + log |det ∂g⁻¹(x)/∂x|} is exact and a sample is one pass.
 *
 * <p>Building blocks, one per file: {@link org.genzoo.explicit.tractable.flow.Bijection} (forward
 * and inverse each return the output and its log-determinant), {@link
 * org.genzoo.explicit.tractable.flow.Composite}, the base distributions, and the layers (additive
 * and affine couplings, NICE's scaling, batch normalisation, ActNorm, the LU-decomposed
 * invertible linear map, the logit transform). {@link org.genzoo.explicit.tractable.flow.Flow}
 * joins a base distribution and a bijection; NICE, RealNVP and Glow are presets that assemble
 * them.
 */
package org.genzoo.explicit.tractable.flow;
