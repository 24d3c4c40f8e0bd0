package org.genzoo.core;

/** Reports progress of long work (evaluation, sampling) to whoever shows it; the library prints nothing. */
public interface Progress {
    /** Progress that goes nowhere. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total, String unit) {}

        @Override
        public void advance(long n) {}

        @Override
        public void end() {}
    };

    /** A task of {@code total} units starts. */
    void start(String task, long total, String unit);

    /** {@code n} more units are done. */
    void advance(long n);

    /** The task ended. */
    void end();
}
