package org.genzoo.explicit.tractable.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.genzoo.core.Init;
import org.genzoo.core.Params;

/**
 * Glow's invertible 1×1 convolution in its LU-decomposed form (Kingma &amp; Dhariwal 2018,
 * section 3.2, eq. 10): a learned c × c matrix applied to the channels at every pixel (to the
 * features of a vector, where it is an invertible linear layer),
 * {@code W = P L (U + diag(sign ⊙ exp(log|s|)))}, with P a fixed permutation, L lower triangular
 * with a unit diagonal, U strictly upper triangular, and the sign vector fixed. Then
 * {@code log |det J| = h · w · Σ_c log|s_c|}: O(c) instead of O(c³).
 *
 * <p>It starts, as in the paper, from a random rotation (the Q of a QR decomposition of a
 * Gaussian matrix drawn from the engine's seeded generator), decomposed once as {@code P L U}.
 * DJL has neither QR nor LU, so both are a few lines of Java over a small c × c matrix; P and the
 * signs are {@link Params#createBuffer buffers}.
 *
 * <p>A 1×1 convolution is the same as a matrix product over the channel axis, which genzoo
 * computes as one: it avoids the convolution path and its oneDNN input-gradient bug.
 */
public final class InvertibleLinear implements Bijection {
    private final NDArray lower;
    private final NDArray upper;
    private final NDArray logS;
    private final NDArray perm;
    private final NDArray sign;
    private final NDArray lowerMask;
    private final NDArray upperMask;
    private final NDArray eye;
    private final Shape event;
    private final int c;

    /**
     * @param name prefix of the names ({@code name.lower}, {@code name.upper}, {@code name.logs};
     *     buffers {@code name.perm}, {@code name.sign})
     * @param event the shape of one example: {@code (d)} or {@code (c, h, w)}
     */
    public InvertibleLinear(Params params, String name, Shape event) {
        this.event = event;
        this.c = (int) event.get(0);
        float[] g;
        try (NDManager tmp = params.manager().newSubManager()) {
            g = tmp.randomNormal(0f, 1f, new Shape(c, c), DataType.FLOAT32).toFloatArray();
        }
        double[][] q = orthonormalise(g, c);
        double[][][] plu = lu(q);
        Shape cc = new Shape(c, c);
        float[] l = new float[c * c];
        float[] u = new float[c * c];
        float[] p = new float[c * c];
        float[] logs = new float[c];
        float[] sg = new float[c];
        float[] lm = new float[c * c];
        float[] um = new float[c * c];
        float[] id = new float[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                p[i * c + j] = (float) plu[0][i][j];
                l[i * c + j] = i > j ? (float) plu[1][i][j] : 0f;
                u[i * c + j] = j > i ? (float) plu[2][i][j] : 0f;
                lm[i * c + j] = i > j ? 1f : 0f;
                um[i * c + j] = j > i ? 1f : 0f;
                id[i * c + j] = i == j ? 1f : 0f;
            }
            logs[i] = (float) Math.log(Math.abs(plu[2][i][i]));
            sg[i] = Math.signum(plu[2][i][i]) < 0 ? -1f : 1f;
        }
        this.lower = params.create(name + ".lower", cc, values(l));
        this.upper = params.create(name + ".upper", cc, values(u));
        this.logS = params.create(name + ".logs", new Shape(c), values(logs));
        this.perm = params.createBuffer(name + ".perm", cc, values(p));
        this.sign = params.createBuffer(name + ".sign", new Shape(c), values(sg));
        this.lowerMask = Flows.constant(params, lm, cc);
        this.upperMask = Flows.constant(params, um, cc);
        this.eye = Flows.constant(params, id, cc);
    }

    private static Init values(float[] v) {
        return (m, s, t) -> m.create(v, s).toType(t, false);
    }

    /** {@code W = P (L ⊙ M_L + I) (U ⊙ M_U + diag(sign ⊙ exp(log|s|)))}, in {@code m}. */
    NDArray weight(NDManager m) {
        NDArray id = Flows.borrow(m, eye);
        NDArray l = Flows.borrow(m, lower).mul(lowerMask).add(id);
        NDArray diag = id.mul(Flows.borrow(m, logS).exp().mul(sign)); // row vector: diag(v)
        NDArray u = Flows.borrow(m, upper).mul(upperMask).add(diag);
        return Flows.borrow(m, perm).matMul(l).matMul(u);
    }

    /** Applies {@code w} to the channel axis: {@code y[:, i, …] = Σ_j w[i][j] x[:, j, …]}. */
    private NDArray apply(NDArray x, NDArray w) {
        if (event.dimension() == 1) {
            return x.matMul(w.transpose());
        }
        long b = x.getShape().get(0);
        long h = x.getShape().get(2);
        long wd = x.getShape().get(3);
        NDArray rows = x.transpose(0, 2, 3, 1).reshape(-1, c); // (b·h·w, c)
        return rows.matMul(w.transpose()).reshape(b, h, wd, c).transpose(0, 3, 1, 2);
    }

    @Override
    public Result forward(NDArray x, boolean training) {
        NDManager m = x.getManager();
        NDArray ld = Flows.times(Flows.borrow(m, logS).sum(), Flows.spatial(event));
        return new Result(apply(x, weight(m)), Flows.perExample(x, ld));
    }

    @Override
    public Result inverse(NDArray y) {
        NDManager m = y.getManager();
        NDArray ld = Flows.times(Flows.borrow(m, logS).sum(), -Flows.spatial(event));
        return new Result(apply(y, weight(m).inverse()), Flows.perExample(y, ld));
    }

    /** Gram-Schmidt on the columns of a c × c row-major matrix: a random rotation's Q. */
    static double[][] orthonormalise(float[] g, int c) {
        double[][] q = new double[c][c];
        for (int j = 0; j < c; j++) {
            double[] v = new double[c];
            for (int i = 0; i < c; i++) {
                v[i] = g[i * c + j];
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < c; i++) {
                    dot += q[i][k] * v[i];
                }
                for (int i = 0; i < c; i++) {
                    v[i] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < c; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }

    /**
     * LU decomposition with partial pivoting, {@code A = P L U}: returns {P, L, U}, L with a unit
     * diagonal.
     */
    static double[][][] lu(double[][] a) {
        int n = a.length;
        double[][] u = new double[n][];
        for (int i = 0; i < n; i++) {
            u[i] = a[i].clone();
        }
        double[][] l = new double[n][n];
        int[] rowOf = new int[n]; // row i of the pivoted matrix is row rowOf[i] of a
        for (int i = 0; i < n; i++) {
            rowOf[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(u[i][k]) > Math.abs(u[piv][k])) {
                    piv = i;
                }
            }
            double[] t = u[k];
            u[k] = u[piv];
            u[piv] = t;
            t = l[k];
            l[k] = l[piv];
            l[piv] = t;
            int r = rowOf[k];
            rowOf[k] = rowOf[piv];
            rowOf[piv] = r;
            for (int i = k + 1; i < n; i++) {
                double f = u[i][k] / u[k][k];
                l[i][k] = f;
                for (int j = k; j < n; j++) {
                    u[i][j] -= f * u[k][j];
                }
            }
        }
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            l[i][i] = 1;
            p[rowOf[i]][i] = 1; // (P A')[rowOf[i]] = A'[i]: A = P (L U) with A' = L U the pivoted rows
        }
        return new double[][][] {p, l, u};
    }
}
