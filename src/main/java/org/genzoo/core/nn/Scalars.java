package org.genzoo.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Arithmetic between an array and a constant, with the constant held in a 0-d array that
 * libtorch allocates itself. Every product, quotient, power, modulus, maximum or minimum of an
 * array and a constant in genzoo's main code goes through here, never through DJL's overloads
 * that take a Java number ({@code x.mul(0.5f)}, {@code x.div(n)}, {@code x.pow(2)},
 * {@code x.rdiv(1)}, {@code x.maximum(0)}, {@code x.muli(b)}, ...); {@code ScalarOperandGuardTest}
 * fails the build on any such call.
 *
 * <p><b>Why.</b> In DJL 0.36.0's PyTorch engine those overloads wrap the number in a 0-d array
 * over a Java direct buffer ({@code torch::from_blob}, no copy) and close that array as soon as
 * the operation returns. When the operation is recorded for backpropagation, autograd keeps the
 * tensor: the gradient of a product reads the other factor, that of a quotient the divisor,
 * that of a power the exponent, that of a maximum or minimum both operands. Once the array is
 * closed nothing in Java refers to the buffer, so the garbage collector may free it before the
 * backward pass, which then reads freed memory: a gradient wrong by any factor, or NaN, only
 * when a collection happened to fall inside the step. That was RealNVP's unrepeatable training
 * (issue 8); {@code ScalarLifetimeTest} provokes it.
 *
 * <p>Each helper closes its constant when the operation returns, as DJL does, and that is safe
 * here: closing a libtorch-allocated array only drops genzoo's reference, while autograd holds its
 * own on the same memory. It also keeps the constant out of a parameter's manager when {@code x}
 * is a parameter (no handle left behind per step).
 *
 * <p><b>What is safe without this class.</b>
 * <ul>
 *   <li>{@code add}, {@code sub}, {@code rsub} (and their in-place forms) with a number: their
 *       backward pass reads neither operand, so autograd keeps nothing.</li>
 *   <li>Comparisons with a number ({@code eq}, {@code gt}, {@code lt}, ...): they record no
 *       gradient.</li>
 *   <li>{@code clip(lo, hi)}: DJL leaves its two bound arrays open in the array's manager, so
 *       the buffers stay reachable while that manager is open (through the step's backward
 *       pass).</li>
 *   <li>Any operation outside a gradient collector or on arrays that require no gradient
 *       (optimiser updates, sampling, evaluation): the CPU operation has finished reading the
 *       number before the call returns and the array is closed, and nothing keeps the tensor.
 *       They still go through this class, so that one rule covers all main code and the guard
 *       needs no exceptions.</li>
 * </ul>
 */
public final class Scalars {
    private Scalars() {}

    /**
     * A 0-d array holding {@code v} in {@code like}'s manager, device and type, allocated by
     * libtorch (not over a Java buffer). The value is passed to libtorch as a double, so a
     * float64 array gets {@code v} exactly.
     */
    public static NDArray of(NDArray like, double v) {
        NDManager m = like.getManager();
        if (m instanceof PtNDManager pm) {
            return JniUtils.full(pm, new Shape(), v, like.getDataType(), like.getDevice(), SparseFormat.DENSE);
        }
        return m.full(new Shape(), (float) v, like.getDataType(), like.getDevice());
    }

    /** {@code x · v}. */
    public static NDArray times(NDArray x, double v) {
        return withConstant(x, v, x::mul);
    }

    /** {@code x / v}. */
    public static NDArray over(NDArray x, double v) {
        return withConstant(x, v, x::div);
    }

    /** {@code v / x}. */
    public static NDArray into(double v, NDArray x) {
        return withConstant(x, v, c -> c.div(x));
    }

    /** {@code x ^ v}. */
    public static NDArray pow(NDArray x, double v) {
        return withConstant(x, v, x::pow);
    }

    /** {@code max(x, v)}, elementwise. */
    public static NDArray max(NDArray x, double v) {
        return withConstant(x, v, x::maximum);
    }

    /** {@code min(x, v)}, elementwise. */
    public static NDArray min(NDArray x, double v) {
        return withConstant(x, v, x::minimum);
    }

    /** {@code x ← x · v}, in place; returns {@code x}. */
    public static NDArray timesInPlace(NDArray x, double v) {
        return withConstant(x, v, x::muli);
    }

    /** {@code x ← x / v}, in place; returns {@code x}. */
    public static NDArray overInPlace(NDArray x, double v) {
        return withConstant(x, v, x::divi);
    }

    /** {@code op(c)} with c the constant v made {@link #of like x}, closed once op has returned. */
    private static NDArray withConstant(NDArray x, double v, java.util.function.UnaryOperator<NDArray> op) {
        try (NDArray c = of(x, v)) {
            return op.apply(c);
        }
    }
}
