package org.genzoo.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The JSON settings shared by result, config and metadata files: one Jackson mapper, pretty
 * printed, read and written whole; and {@code key=value} overrides of config records checked
 * against the record's fields, so a typo in {@code --set} is an error, not a silent default.
 *
 * <p><b>Non-finite numbers are refused.</b> JSON has no NaN or infinity, and the two common
 * workarounds (quoted {@code "NaN"}, or {@code null}) produce files that other tools misread or
 * that read back as 0. So writing an object that holds NaN or ±∞ in a {@code double}, {@code
 * float}, their boxes or arrays throws {@link IllegalArgumentException} naming the field, and
 * nothing is written. A caller whose metric can fail (a diverged run) must say so explicitly, for
 * example with a status field or by leaving the metric out.
 *
 * <p>Reading fails on unknown properties and on a missing or {@code null} value for a primitive
 * (including record components), so a typo or an omission in a config file is an error rather
 * than a silent 0; use a boxed type for a field that may be absent. {@code java.time} types are not
 * registered: store dates as ISO-8601 strings.
 */
public final class Json {
    /** The mapper every config, checkpoint header and result file goes through. */
    public static final ObjectMapper MAPPER = newMapper();

    private Json() {}

    /**
     * A new mapper with genzoo's settings, for callers that need trees or extra modules. It is
     * a fresh instance, so configuring it does not affect other users.
     */
    public static ObjectMapper newMapper() {
        JsonFactory factory = JsonFactory.builder().addDecorator((f, g) -> new FiniteOnly(g)).build();
        return JsonMapper.builder(factory)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** A record (or any bean) as a JSON tree. */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Converts a JSON tree back to {@code type}, surfacing the record's own validation message. */
    public static <T> T fromTree(ObjectNode node, Class<T> type, String source) {
        if (type.isRecord()) {
            // a setting added after the file was written: say so, rather than Jackson's null message
            List<String> missing = new java.util.ArrayList<>();
            for (var c : type.getRecordComponents()) {
                if (!node.has(c.getName())) {
                    missing.add(c.getName());
                }
            }
            if (!missing.isEmpty()) {
                throw new UserError(source + ": lacks the setting(s) " + String.join(", ", missing)
                        + " of " + type.getSimpleName() + "; it was probably written by an older genzoo");
            }
        }
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
        return override(value, type, sets, what, List.of());
    }

    /**
     * {@link #override(Object, Class, Map, String)} where {@code --set} also accepts {@code
     * otherKeys} (the training settings) besides the record's fields; an unknown key's message lists
     * both, so the user sees every setting there is.
     */
    public static <T> T override(T value, Class<T> type, Map<String, String> sets, String what,
            List<String> otherKeys) {
        if (sets.isEmpty()) {
            return value;
        }
        ObjectNode node = tree(value);
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String key = e.getKey();
            String raw = e.getValue().trim();
            if (!node.has(key)) {
                throw new UserError("--set " + key + ": not a setting of " + what + "; its settings: " + keys(node)
                        + (otherKeys.isEmpty() ? "" : "; training settings: " + String.join(", ", otherKeys)));
            }
            var current = node.get(key);
            try {
                if (current.isArray()) {
                    ArrayNode arr = MAPPER.createArrayNode();
                    if (!raw.isEmpty()) {
                        for (String part : raw.split(",")) {
                            if (realArray(current)) {
                                arr.add(Double.parseDouble(part.trim()));
                            } else {
                                arr.add(Integer.parseInt(part.trim()));
                            }
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
                throw new UserError("--set " + key + "=" + raw + ": expected " + describeNode(current));
            }
        }
        return fromTree(node, type, "--set");
    }

    /** Whether a list setting holds real numbers (a double[] field, written as 1.0) rather than whole numbers. */
    private static boolean realArray(com.fasterxml.jackson.databind.JsonNode n) {
        return n.size() > 0 && n.get(0).isFloatingPointNumber();
    }

    private static String describeNode(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isArray()) {
            return realArray(n) ? "a comma-separated list of numbers, such as 0.5,1,2"
                    : "a comma-separated list of whole numbers, such as 500,500";
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

    /**
     * The value as pretty-printed JSON text.
     *
     * @throws IllegalArgumentException if the value holds a non-finite number or cannot be
     *     serialised; the message names the field
     */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + describe(value) + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the value as pretty-printed UTF-8 JSON with a final newline, atomically: the value is
     * serialised in memory first, so a value that cannot be written leaves the file untouched.
     *
     * @throws IllegalArgumentException if the value holds a non-finite number or cannot be
     *     serialised
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void writeAtomic(Path file, Object value) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + describe(value) + " to " + file + ": "
                    + e.getMessage(), e);
        }
        byte[] withNewline = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        AtomicFiles.write(file, withNewline);
    }

    /**
     * Reads a whole file as the given type.
     *
     * @throws UserError if the file is missing or is not valid JSON for the type (the message
     *     names the file and the position)
     * @throws UncheckedIOException for other I/O failures
     */
    public static <T> T read(Path file, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return read(file, MAPPER.constructType(type));
    }

    /** {@link #read(Path, Class)} for generic types, e.g. {@code new TypeReference<List<Row>>() {}}. */
    public static <T> T read(Path file, TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return read(file, MAPPER.constructType(type));
    }

    private static <T> T read(Path file, JavaType type) {
        Objects.requireNonNull(file, "file");
        try {
            return MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            throw new UserError("JSON file " + file + " does not exist", e);
        } catch (JsonProcessingException e) {
            throw new UserError(file + " is not valid JSON for " + type.getRawClass().getSimpleName() + ": "
                    + e.getOriginalMessage() + locationOf(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where = " at " + m.getPathReference();
        }
        var loc = e.getLocation();
        return where + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")");
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    /**
     * Refuses non-finite numbers as they are written. It throws a {@link JsonMappingException}
     * so that Jackson adds the path of the offending field to the message.
     */
    private static final class FiniteOnly extends JsonGeneratorDelegate {
        FiniteOnly(JsonGenerator delegate) {
            super(delegate, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            check(v);
            super.writeNumber(v);
        }

        @Override
        public void writeNumber(float v) throws IOException {
            check(v);
            super.writeNumber(v);
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                if (!Double.isFinite(array[i])) {
                    throw JsonMappingException.from(this, "non-finite number " + array[i] + " at array index "
                            + (i - offset) + "; JSON has no NaN or infinity");
                }
            }
            super.writeArray(array, offset, length);
        }

        private void check(double v) throws IOException {
            if (!Double.isFinite(v)) {
                throw JsonMappingException.from(this, "non-finite number " + v + "; JSON has no NaN or infinity");
            }
        }
    }
}
