package org.genzoo.data;

/**
 * A user's numbers as read from a CSV or NPY file, before they are split: {@code rows} examples
 * of {@code cols} values, row-major.
 *
 * @param values row-major values, {@code rows * cols} of them
 * @param rows number of examples
 * @param cols values per example
 */
record Table(float[] values, int rows, int cols) {

    /** True when every value is exactly 0 or 1. */
    boolean isBinary() {
        for (float v : values) {
            if (v != 0f && v != 1f) {
                return false;
            }
        }
        return true;
    }
}
