package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run directory lock across processes: a second process is refused with the owner's
 * process id, and a lock left by a killed process is taken over.
 */
class RunLockTest {
    @TempDir
    Path tmp;

    @Test
    void anotherProcessIsRefusedAndAKilledOwnersLockIsTakenOver() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunLockHolder.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> RunLock.acquire(tmp)).isInstanceOf(UserError.class)
                    .hasMessageContaining("--out " + tmp).hasMessageContaining("(process " + holder.pid() + ")");
        } finally {
            holder.destroyForcibly(); // SIGKILL: the holder cannot clean up
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // the killed owner's file is still there, naming a dead process; the system released its lock
        assertThat(Files.readString(tmp.resolve(RunLock.FILE))).isEqualTo(holder.pid() + "\n");
        RunLock.acquire(tmp).close();
        // released: emptied (the file stays, see RunLock); reading it earlier would have dropped the lock
        assertThat(tmp.resolve(RunLock.FILE)).isEmptyFile();
    }

    @Test
    void theSameProcessCannotTakeItTwice() {
        try (RunLock lock = RunLock.acquire(tmp)) {
            assertThatThrownBy(() -> RunLock.acquire(tmp)).isInstanceOf(UserError.class)
                    .hasMessageContaining("in this same process");
        }
        RunLock.acquire(tmp).close();
    }
}
