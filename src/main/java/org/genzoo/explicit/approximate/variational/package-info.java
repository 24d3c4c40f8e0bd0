/** Explicit density, approximate, variational: models trained on a lower bound of log p(x) (the ELBO, the IWAE bound); their NLL is reported as an upper bound. */
package org.genzoo.explicit.approximate.variational;
