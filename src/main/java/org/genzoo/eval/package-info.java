/** Evaluation: the log-likelihood estimator each family allows (exact, bound, Parzen estimate), mode coverage on toy mixtures, and sampling cost. */
package org.genzoo.eval;
