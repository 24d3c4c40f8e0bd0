package org.genzoo.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Provokes the Java-number operand fault on purpose (see {@link Scalars}): a garbage collection,
 * so that the cleaner frees the direct buffers DJL wrapped numbers in, then fresh direct buffers
 * over the freed memory, filled with a value no computation expects.
 */
public final class FreedMemory {
    private FreedMemory() {}

    /**
     * Collects garbage and reuses freed native memory.
     *
     * @return the new buffers: keep them reachable until the backward pass, or their memory is freed again
     */
    public static List<ByteBuffer> collectAndScribble() {
        System.gc();
        try {
            Thread.sleep(30); // the cleaner thread frees the buffers after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 + 4 * (i % 4)).order(ByteOrder.nativeOrder());
            while (b.remaining() >= 4) {
                b.putFloat(7f);
            }
            keep.add(b);
        }
        return keep;
    }
}
