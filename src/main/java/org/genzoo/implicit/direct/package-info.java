/** Implicit density, direct: models that sample in one pass with no density at all (GANs, moment matching); their likelihood can only be estimated (Parzen windows). */
package org.genzoo.implicit.direct;
