package org.genzoo.data;

/**
 * The true components of a toy Gaussian mixture, for counting the modes a model covers.
 *
 * @param centres one row per mode
 * @param std the standard deviation of every component (isotropic)
 */
public record MixtureSpec(float[][] centres, float std) {
    /** Number of modes. */
    public int modes() {
        return centres.length;
    }
}
