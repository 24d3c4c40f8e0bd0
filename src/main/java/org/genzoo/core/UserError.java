package org.genzoo.core;

/**
 * Bad input from the user: a missing file, a malformed value, an unknown name. The CLI prints
 * the message as one line on stderr and exits with code 2, without a stack trace, so the
 * message must name the file or flag and say what was expected.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file or flag and what was expected */
    public UserError(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file or flag and what was expected
     * @param cause the underlying failure, kept for programmatic callers
     */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
