/** The trunk every model stands on: capability interfaces ({@link org.genzoo.core.Sampler}, {@link org.genzoo.core.ExactDensity}, {@link org.genzoo.core.LowerBound}, {@link org.genzoo.core.Energy}), the taxonomy leaves, named parameters, the one trainer with its checkpoints and seeds. */
package org.genzoo.core;
