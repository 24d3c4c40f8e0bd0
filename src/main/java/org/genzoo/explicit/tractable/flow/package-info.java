/** Explicit density, tractable, nonlinear ICA / normalising flows (NICE, RealNVP): exact log p(x) = log p_z(g⁻¹(x)) + log |det ∂g⁻¹/∂x|, with z of the same dimension as x. No models yet. */
package org.genzoo.explicit.tractable.flow;
