/** Implicit density, Markov chain: generative stochastic networks, which define p_model only through a chain that samples from it. No models yet. */
package org.genzoo.implicit.markov;
