/**
 * Implicit density, Markov chain: generative stochastic networks, which define p_model only through a
 * chain that samples from it. {@link org.genzoo.implicit.markov.Gsn} is the denoising autoencoder's
 * chain (Bengio et al. 2013; 2014): corrupt, then sample a reconstruction, again and again; it has no
 * likelihood, only a Parzen estimate from its samples, and its mixing is measured by the {@code mixing}
 * and {@code visits} estimators.
 */
package org.genzoo.implicit.markov;
