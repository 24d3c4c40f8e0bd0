package org.genzoo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parameters a run directory holds, by name, for tests that compare runs bit for bit. */
public final class SavedParams {
    private SavedParams() {}

    /** Opens the run in {@code dir} and copies out every parameter (and buffer) as floats. */
    public static Map<String, float[]> of(Path dir) {
        try (Runs.Opened run = Runs.open(dir)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            run.model().params().asMap().forEach((k, v) -> out.put(k, v.toFloatArray()));
            return out;
        }
    }
}
