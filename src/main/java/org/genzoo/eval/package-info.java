/**
 * Evaluation: the registry of estimators ({@link org.genzoo.eval.Estimators}), each a small
 * {@link org.genzoo.eval.Estimator} that says which capability it needs and computes its figures
 * with their kind (exact, bound, estimate): exact log p, log Z by enumeration, the IWAE bound and
 * the ELBO, Parzen windows, the true distribution's floor, mode coverage on toy mixtures, sampling
 * cost, and a Markov chain's autocorrelation time.
 */
package org.genzoo.eval;
