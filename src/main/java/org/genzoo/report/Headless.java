package org.genzoo.report;

/** Puts AWT in headless mode before the first drawing call, unless the user chose otherwise. */
final class Headless {
    private Headless() {}

    /**
     * Sets {@code java.awt.headless=true} if the property is unset. It must run before AWT's
     * toolkit starts, hence the call from the static initialisers of the drawing classes.
     */
    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
