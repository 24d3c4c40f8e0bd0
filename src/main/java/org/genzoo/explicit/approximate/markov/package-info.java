/** Explicit density, approximate, Markov chain: Boltzmann machines, whose energy is known but whose partition function is estimated (annealed importance sampling). No models yet. */
package org.genzoo.explicit.approximate.markov;
