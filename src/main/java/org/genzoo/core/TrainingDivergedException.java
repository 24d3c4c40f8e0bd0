package org.genzoo.core;

/** Training produced a NaN or infinite loss; the last good checkpoint is kept. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: where it happened and what was kept */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
