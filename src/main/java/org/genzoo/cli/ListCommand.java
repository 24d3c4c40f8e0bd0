package org.genzoo.cli;

import java.util.concurrent.Callable;
import org.genzoo.Zoo;
import org.genzoo.core.Leaf;
import picocli.CommandLine.Command;

/** {@code genzoo list}: every model, grouped by leaf of the taxonomy, with its capabilities. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every model, grouped by its leaf of the taxonomy, with what it can do.")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Leaf leaf : Leaf.values()) {
            System.out.println(leaf.path() + "   [log-likelihood: " + leaf.likelihood() + "]");
            boolean any = false;
            for (Zoo.Entry<?> e : Zoo.all()) {
                if (e.leaf() == leaf) {
                    any = true;
                    System.out.printf("  %-10s %s%n  %-10s can: %s%n", e.name(), e.summary(), "",
                            String.join(", ", e.capabilities()));
                }
            }
            if (!any) {
                System.out.println("  (none yet)");
            }
        }
        return 0;
    }
}
