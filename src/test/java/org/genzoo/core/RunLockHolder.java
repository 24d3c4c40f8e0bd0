package org.genzoo.core;

import java.nio.file.Path;

/** Test helper run as a separate process: takes a run directory's lock, says so, and waits to be killed. */
public final class RunLockHolder {
    private RunLockHolder() {}

    /** @param args the run directory */
    public static void main(String[] args) throws InterruptedException {
        RunLock lock = RunLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
        lock.close();
    }
}
