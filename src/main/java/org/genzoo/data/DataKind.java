package org.genzoo.data;

/** What the values of a data set are, which decides the likelihood a model puts on them. */
public enum DataKind {
    /** Every value is 0 or 1 (binarised images, synthetic binary vectors). */
    BINARY,
    /** Grey levels scaled to [0, 1], each one of 256 levels (MNIST, Fashion-MNIST). */
    GREY,
    /** Real numbers (toy 2-D distributions, a user's CSV). */
    CONTINUOUS
}
