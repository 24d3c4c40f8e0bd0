package org.genzoo.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The trim between evaluation batches binds on Linux and is throttled to once a second. */
class NativeMemoryTest {
    @Test
    void bindsOnLinuxAndRunsAtMostOnceASecond() throws InterruptedException {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "Linux only");
        assertThat(NativeMemory.available()).as("glibc's malloc_trim bound through JNA").isTrue();
        Thread.sleep(1_050); // past any trim an earlier test ran
        assertThat(NativeMemory.release()).as("first call in a second trims").isTrue();
        assertThat(NativeMemory.release()).as("a second call within the second is skipped").isFalse();
    }
}
