package org.genzoo.data;

import java.util.SplittableRandom;

/**
 * Two-dimensional toy distributions generated in code, for mode counting and density plots.
 *
 * <p>Randomness: each split is drawn from its own {@link SplittableRandom}, obtained by
 * {@code split()} from one generator seeded with the load seed (in the order train, valid, test),
 * so the same seed always gives the same data, and changing one split's size does not change
 * the others. Gaussian noise uses {@code nextGaussian()} (Java 17's
 * {@link java.util.random.RandomGenerator} default method).
 *
 * <ul>
 *   <li>{@code ring8}: 8 equally weighted Gaussians with centres {@code 2(cos 2πk/8, sin 2πk/8)}
 *       and std 0.02, the setting of VEEGAN (Srivastava et al., 2017) and PacGAN (Lin et al.,
 *       2018). Label = component.
 *   <li>{@code grid25}: 25 equally weighted Gaussians centred on {-4,-2,0,2,4}², std 0.05, as in
 *       the same papers. Label = component (row-major over x then y).
 *   <li>{@code moons}: scikit-learn's {@code make_moons} layout with uniform angles: the upper moon
 *       {@code (cos t, sin t)}, the lower moon {@code (1 - cos t, 0.5 - sin t)}, t ~ U[0, π), each
 *       with probability 1/2, plus isotropic Gaussian noise of std 0.05. Label = moon.
 *   <li>{@code checkerboard}: uniform on the 8 black squares of a 4×4 board of side-2 squares
 *       covering [-4, 4]²; square (i, j), with i the column and j the row counted from (-4, -4), is
 *       black when i + j is even. Label = black square index 0..7.
 * </ul>
 */
public final class ToyData {
    /** Standard deviation of each ring8 component. */
    public static final float RING8_STD = 0.02f;
    /** Radius of the ring8 circle. */
    public static final float RING8_RADIUS = 2f;
    /** Standard deviation of each grid25 component. */
    public static final float GRID25_STD = 0.05f;
    /** Standard deviation of the moons noise. */
    public static final float MOONS_NOISE = 0.05f;

    private ToyData() {}

    /** The true mixture behind {@code ring8}. */
    public static MixtureSpec ring8Mixture() {
        float[][] c = new float[8][];
        for (int k = 0; k < 8; k++) {
            double a = 2 * Math.PI * k / 8;
            c[k] = new float[] {(float) (RING8_RADIUS * Math.cos(a)), (float) (RING8_RADIUS * Math.sin(a))};
        }
        return new MixtureSpec(c, RING8_STD);
    }

    /** The true mixture behind {@code grid25}. */
    public static MixtureSpec grid25Mixture() {
        float[][] c = new float[25][];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                c[5 * i + j] = new float[] {-4 + 2 * i, -4 + 2 * j};
            }
        }
        return new MixtureSpec(c, GRID25_STD);
    }

    /** {@code n} points from an equally weighted isotropic Gaussian mixture. */
    static Split sampleMixture(MixtureSpec mix, int n, SplittableRandom rng) {
        float[] v = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(mix.modes());
            labels[i] = k;
            v[2 * i] = (float) (mix.centres()[k][0] + mix.std() * rng.nextGaussian());
            v[2 * i + 1] = (float) (mix.centres()[k][1] + mix.std() * rng.nextGaussian());
        }
        return new Split(v, n, 2, labels);
    }

    /** {@code n} points of the two-moons distribution. */
    static Split sampleMoons(int n, SplittableRandom rng) {
        float[] v = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * rng.nextDouble();
            int moon = rng.nextInt(2);
            labels[i] = moon;
            double x = moon == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = moon == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            v[2 * i] = (float) (x + MOONS_NOISE * rng.nextGaussian());
            v[2 * i + 1] = (float) (y + MOONS_NOISE * rng.nextGaussian());
        }
        return new Split(v, n, 2, labels);
    }

    /** {@code n} points uniform on the black squares of the checkerboard. */
    static Split sampleCheckerboard(int n, SplittableRandom rng) {
        float[] v = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(8);
            int j = k / 2; // row 0..3
            int col = 2 * (k % 2) + (j % 2); // the black columns of row j: i + j even
            labels[i] = k;
            v[2 * i] = (float) (-4 + 2 * col + 2 * rng.nextDouble());
            v[2 * i + 1] = (float) (-4 + 2 * j + 2 * rng.nextDouble());
        }
        return new Split(v, n, 2, labels);
    }
}
