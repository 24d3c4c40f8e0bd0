package org.genzoo.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON for configurations: records to and from JSON, and {@code key=value} overrides checked
 * against the record's fields, so a typo in {@code --set} is an error, not a silent default.
 */
public final class Json {
    /** The mapper every config and result file goes through. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /** A record (or any bean) as a JSON tree. */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Converts a JSON tree back to {@code type}, surfacing the record's own validation message. */
    public static <T> T fromTree(ObjectNode node, Class<T> type, String source) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause();
            if (c instanceof UserError u) {
                throw u;
            }
            throw new UserError(source + ": " + (c == null ? e.getOriginalMessage() : c.getMessage()));
        } catch (JsonProcessingException e) {
            throw new UserError(source + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Applies {@code key=value} overrides to a record. Each key must be a field; the value is
     * parsed by the field's current JSON type (numbers, text, booleans, comma-separated lists
     * of numbers; an empty list is written {@code key=}).
     */
    public static <T> T override(T value, Class<T> type, Map<String, String> sets, String what) {
        if (sets.isEmpty()) {
            return value;
        }
        ObjectNode node = tree(value);
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String key = e.getKey();
            String raw = e.getValue().trim();
            if (!node.has(key)) {
                throw new UserError("--set " + key + ": not a setting of " + what + "; settings: " + keys(node));
            }
            var current = node.get(key);
            try {
                if (current.isArray()) {
                    ArrayNode arr = MAPPER.createArrayNode();
                    if (!raw.isEmpty()) {
                        for (String part : raw.split(",")) {
                            arr.add(Integer.parseInt(part.trim()));
                        }
                    }
                    node.set(key, arr);
                } else if (current.isIntegralNumber()) {
                    node.put(key, Long.parseLong(raw));
                } else if (current.isNumber()) {
                    node.put(key, Double.parseDouble(raw));
                } else if (current.isBoolean()) {
                    if (!raw.equals("true") && !raw.equals("false")) {
                        throw new NumberFormatException();
                    }
                    node.put(key, Boolean.parseBoolean(raw));
                } else {
                    node.put(key, raw);
                }
            } catch (NumberFormatException ex) {
                throw new UserError("--set " + key + "=" + raw + ": expected " + describe(current));
            }
        }
        return fromTree(node, type, "--set");
    }

    private static String describe(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isArray()) {
            return "a comma-separated list of whole numbers, such as 500,500";
        }
        if (n.isIntegralNumber()) {
            return "a whole number";
        }
        if (n.isNumber()) {
            return "a number";
        }
        return n.isBoolean() ? "true or false" : "text";
    }

    private static String keys(ObjectNode node) {
        List<String> k = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(k::add);
        return String.join(", ", k);
    }

    /** Writes {@code value} as pretty JSON, atomically. */
    public static void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a JSON file as {@code type}; a missing or malformed file is a {@link UserError}. */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UserError(file + ": not valid JSON for " + type.getSimpleName() + " (" + e.getMessage()
                    .lines().findFirst().orElse("") + ")");
        }
    }
}
