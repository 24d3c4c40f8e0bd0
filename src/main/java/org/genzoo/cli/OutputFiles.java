package org.genzoo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.genzoo.core.UserError;

/**
 * Checks an output file named on the command line before any work starts, so that a typo in a
 * path costs a one-line error rather than a finished evaluation or sampling run.
 */
final class OutputFiles {
    private OutputFiles() {}

    /**
     * Checks that {@code file} can be written: it is not a directory, and its folder exists and is
     * writable; when it exists already, that {@code overwrite} allows replacing it.
     *
     * @param flag the flag that named the file, for the message
     * @param example a file name to suggest when {@code file} is a directory
     * @param overwrite whether an existing file may be replaced
     * @param overwriteFlag the flag that allows it (named in the message), or null when none does
     * @throws UserError naming the flag, the path and what was expected
     */
    static void check(Path file, String flag, String example, boolean overwrite, String overwriteFlag) {
        if (Files.isDirectory(file)) {
            throw new UserError(flag + " " + file + ": is a directory; expected a file, such as " + file.resolve(example));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError(flag + " " + file + ": folder " + parent + " does not exist; create it first");
        }
        if (!Files.isWritable(parent)) {
            throw new UserError(flag + " " + file + ": folder " + parent + " is not writable");
        }
        if (Files.exists(file) && !overwrite) {
            throw new UserError(flag + " " + file + ": file exists; "
                    + (overwriteFlag == null ? "choose another name" : "pass " + overwriteFlag + " to replace it"));
        }
    }
}
