/**
 * Explicit density, approximate, Markov chain: Boltzmann machines, whose energy is known but whose
 * partition function is estimated (annealed importance sampling), and which sample and learn with
 * Gibbs chains: the restricted Boltzmann machines ({@code Rbm}, {@code GaussianRbm}) and the deep
 * Boltzmann machine ({@code Dbm}, Salakhutdinov &amp; Hinton 2009).
 */
package org.genzoo.explicit.approximate.markov;
