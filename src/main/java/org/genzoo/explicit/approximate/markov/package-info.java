/**
 * Explicit density, approximate, Markov chain: Boltzmann machines, whose energy is known but whose
 * partition function is estimated (annealed importance sampling), and which sample and learn with
 * Gibbs chains. {@link org.genzoo.explicit.approximate.markov.Dbm}: the deep Boltzmann machine
 * (Salakhutdinov &amp; Hinton 2009).
 */
package org.genzoo.explicit.approximate.markov;
