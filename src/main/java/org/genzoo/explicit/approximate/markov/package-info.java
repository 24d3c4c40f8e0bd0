/**
 * Explicit density, approximate, Markov chain: Boltzmann machines, whose energy is known but whose
 * partition function Z is not. {@link org.genzoo.explicit.approximate.markov.Rbm} (binary units)
 * and {@link org.genzoo.explicit.approximate.markov.GaussianRbm} (real visible units) learn by
 * contrastive divergence or persistent CD with Gibbs chains, sample by running those chains, and
 * get log Z exactly by enumeration when one layer is small, otherwise by annealed importance
 * sampling ({@link org.genzoo.eval.Ais}).
 * {@link org.genzoo.explicit.approximate.markov.Dbm} is the deep Boltzmann machine (Salakhutdinov &amp;
 * Hinton 2009): two hidden layers, mean-field inference, a variational bound on log p(x) given Z.
 */
package org.genzoo.explicit.approximate.markov;
