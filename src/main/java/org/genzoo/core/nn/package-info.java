/** Shared network pieces (dense and masked layers, MLPs, activations, log-densities) written as plain NDArray code over {@link org.genzoo.core.Params}. */
package org.genzoo.core.nn;
