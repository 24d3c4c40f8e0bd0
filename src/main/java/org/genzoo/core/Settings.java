package org.genzoo.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the {@link Setting} meanings of a config record together with a value of it. */
public final class Settings {
    private Settings() {}

    /**
     * Checks a list-of-widths setting (hidden layer sizes) and returns a copy of it.
     *
     * @throws UserError naming the setting when the list is missing or a width is below 1
     */
    public static int[] widths(int[] widths, String name) {
        if (widths == null) {
            throw new UserError(name + ": expected a list of widths");
        }
        for (int w : widths) {
            if (w < 1) {
                throw new UserError(name + ": widths must be positive, got " + w);
            }
        }
        return widths.clone();
    }

    /**
     * One setting with its value.
     *
     * @param key the name a user sets it by ({@link Setting#key()}, else the component's name)
     * @param value the value, written the way {@code --set} takes it ({@code 500,500} for a list)
     * @param meaning the {@link Setting} text
     */
    public record Described(String key, String value, String meaning) {}

    /**
     * Every component of {@code value} in declaration order, with its value and meaning. A
     * component that is itself a record without a {@link Setting} of its own (such as the
     * optimiser inside the training settings) is listed by its own components.
     *
     * @throws IllegalStateException naming the component when one has no {@link Setting}
     */
    public static List<Described> describe(Record value) {
        List<Described> out = new ArrayList<>();
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            Object v = read(c, value);
            Setting s = c.getAnnotation(Setting.class);
            if (s == null && v instanceof Record inner) {
                out.addAll(describe(inner));
                continue;
            }
            if (s == null) {
                throw new IllegalStateException(value.getClass().getSimpleName() + "." + c.getName()
                        + " has no @Setting: say what it means beside the field");
            }
            out.add(new Described(s.key().isEmpty() ? c.getName() : s.key(), format(v), s.value()));
        }
        return out;
    }

    /**
     * The components of {@code type} (and of records nested in it, as {@link #describe} walks
     * them) that have no {@link Setting} or an empty one, as {@code Type.component}.
     */
    public static List<String> undescribed(Class<? extends Record> type) {
        List<String> missing = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Setting s = c.getAnnotation(Setting.class);
            if (s == null && c.getType().isRecord()) {
                missing.addAll(undescribed(c.getType().asSubclass(Record.class)));
            } else if (s == null || s.value().isBlank()) {
                missing.add(type.getSimpleName() + "." + c.getName());
            }
        }
        return missing;
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    private static String format(Object v) {
        if (v instanceof int[] a) {
            return String.join(",", Arrays.stream(a).mapToObj(Integer::toString).toList());
        }
        return String.valueOf(v);
    }
}
