package org.genzoo.data;

import java.nio.file.Path;

/**
 * Where fetched data sets are cached: {@code $GENZOO_HOME/data/<name>}, with
 * {@code GENZOO_HOME} defaulting to {@code ~/.genzoo}. The system property {@code genzoo.home},
 * when set, wins over the environment variable (tests use it).
 */
public final class DataHome {
    private DataHome() {}

    /** The genzoo home folder. */
    public static Path home() {
        String prop = System.getProperty("genzoo.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("GENZOO_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".genzoo");
    }

    /** The cache folder of the fetched data set {@code name} (e.g. {@code mnist}). */
    public static Path cacheDir(String name) {
        return home().resolve("data").resolve(name);
    }
}
