package dev.ringmaster.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Strict JSON reading for Ringmaster's files: unknown fields, nulls, duplicate keys, trailing
 * content and type coercions ({@code "32"} for 32, {@code 32.5} for an integer, {@code 1} for
 * {@code true}) are all errors, and every Jackson failure is turned into one
 * {@link ConfigFileException} naming the file, the field path and (when known) line and column.
 * Absent optional fields stay null in the bound records; the callers check required fields and
 * semantics themselves, so that those messages are as clear as the syntax ones.
 */
final class StrictJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .withCoercionConfigDefaults(c -> {
                c.setAcceptBlankAsEmpty(false);
                for (CoercionInputShape shape : CoercionInputShape.values()) {
                    c.setCoercion(shape, CoercionAction.Fail);
                }
            })
            .build();

    private StrictJson() {
    }

    /**
     * Reads {@code file} as one {@code type}.
     *
     * @throws IOException         when the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     * @throws ConfigFileException when its content is not valid JSON of that shape
     */
    static <T> Parsed<T> read(Path file, Class<T> type) throws IOException, ConfigFileException {
        byte[] bytes = Files.readAllBytes(file);
        return new Parsed<>(file, bytes, parse(file, bytes, type));
    }

    /** A file's bytes and what they were bound to; turns semantic errors into located file errors. */
    record Parsed<T>(Path file, byte[] bytes, T value) {
        /** The field error, attributed to this file at the field's line and column when it is present. */
        ConfigFileException error(InvalidFieldException e) {
            return located(file, bytes, e.field(), e.problem(), e);
        }
    }

    /** An error on {@code field}, with the line and column where that field is written, when it is. */
    static ConfigFileException located(Path file, byte[] bytes, String field, String problem, Throwable cause) {
        JsonLocation at = locate(bytes, field);
        return new ConfigFileException(file, field, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                problem, cause);
    }

    /**
     * Where {@code fieldPath} ("memoryMiB", "options.cpuHz", "techniques[2]") is written: the
     * location of its name, or for an array element of its value; null when it is not in the text.
     */
    static JsonLocation locate(byte[] bytes, String fieldPath) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    ctx = ctx.getParent();
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                boolean candidate = t == JsonToken.FIELD_NAME || (ctx != null && ctx.inArray());
                if (candidate && fieldPath.equals(contextPath(ctx))) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * Parses {@code bytes}, attributing errors to {@code file}. The text is first read as a tree
     * (syntax errors, duplicate keys, trailing content, a top level that is not an object, explicit
     * nulls), then bound to {@code type} (unknown fields, wrong types); the tree describes what was
     * found where a type was wrong.
     */
    static <T> T parse(Path file, byte[] bytes, Class<T> type) throws ConfigFileException {
        if (isBlank(bytes)) {
            throw ConfigFileException.file(file, "the file is empty (expected a JSON object)");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntax(file, e);
        } catch (IOException e) {
            throw new ConfigFileException(file, null, 0, 0, "cannot parse: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ConfigFileException.file(file, "the file is empty (expected a JSON object)");
        }
        if (!tree.isObject()) {
            throw ConfigFileException.file(file, "the file must hold one JSON object { ... }, found " + describe(tree));
        }
        String nullAt = findNull(tree, "");
        if (nullAt != null) {
            throw located(file, bytes, nullAt, "null is not allowed (leave an optional field out instead)", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw mapping(file, bytes, e, tree);
        } catch (IOException e) {
            throw new ConfigFileException(file, null, 0, 0, "cannot parse: " + e.getMessage(), e);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Serializes {@code value} as indented UTF-8 JSON with a final newline. */
    static byte[] write(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] out = Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** The path of the first explicit null in the tree, or null when there is none. */
    private static String findNull(JsonNode node, String path) {
        if (node.isNull()) {
            return path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String found = findNull(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = findNull(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A syntax-level failure while reading the tree. */
    private static ConfigFileException syntax(Path file, JsonProcessingException e) {
        JsonProcessingException root = unwrap(e);
        JsonLocation loc = root.getLocation() != null ? root.getLocation() : e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int column = loc == null ? 0 : loc.getColumnNr();
        String msg = cleanMessage(Objects.requireNonNullElse(root.getOriginalMessage(), "invalid JSON"));
        if (msg.startsWith("Trailing token")) {
            return new ConfigFileException(file, null, line, column,
                    "unexpected content after the end of the JSON object", e);
        }
        Object processor = root.getProcessor();
        if (msg.startsWith("Duplicate field '") && msg.lastIndexOf('\'') > "Duplicate field '".length()) {
            String name = msg.substring("Duplicate field '".length(), msg.lastIndexOf('\''));
            String parent = processor instanceof JsonParser p ? contextPath(p.getParsingContext().getParent()) : "";
            return new ConfigFileException(file, parent.isEmpty() ? name : parent + "." + name, line, column,
                    "appears more than once", e);
        }
        String near = processor instanceof JsonParser p ? contextPath(p.getParsingContext()) : "";
        return new ConfigFileException(file, near.isEmpty() ? null : near, line, column, "JSON syntax error: " + msg, e);
    }

    /** A binding failure: unknown field or wrong type; {@code tree} is the same text, already parsed. */
    private static ConfigFileException mapping(Path file, byte[] bytes, JsonProcessingException e, JsonNode tree) {
        // Jackson places some binding errors at the end of the object (records are built last):
        // prefer the place where the field is written.
        JsonLocation written = e instanceof JsonMappingException m ? locate(bytes, path(m)) : null;
        JsonLocation loc = written != null ? written : e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int column = loc == null ? 0 : loc.getColumnNr();
        if (e instanceof UnrecognizedPropertyException u) {
            return new ConfigFileException(file, path(u), line, column, "unknown field"
                    + suggestion(u.getPropertyName(), u.getKnownPropertyIds())
                    + " (known fields: " + known(u.getKnownPropertyIds()) + ")", e);
        }
        if (e instanceof JsonMappingException m) {
            String field = path(m);
            JsonNode found = nodeAt(tree, m.getPath());
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            if (found != null && found.isIntegralNumber() && !found.canConvertToLong()) {
                return new ConfigFileException(file, field, line, column, "the number " + abbreviate(found.asText())
                        + " is far too large", e);
            }
            if (found != null) {
                return new ConfigFileException(file, field, line, column,
                        "expected " + expected(target) + ", found " + describe(found), e);
            }
        }
        return new ConfigFileException(file, null, line, column,
                "cannot read: " + cleanMessage(Objects.requireNonNullElse(e.getOriginalMessage(), e.toString())), e);
    }

    private static JsonProcessingException unwrap(JsonProcessingException e) {
        JsonProcessingException cur = e;
        while (cur.getCause() instanceof JsonProcessingException inner && inner != cur) {
            cur = inner;
        }
        return cur;
    }

    /** Drops Jackson's source excerpts: "[Source: ...; line: 1, column: 5]" becomes "line 1, column 5". */
    private static String cleanMessage(String msg) {
        String s = firstLine(msg).replaceAll("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        return s.replace("start marker at line", "opened at line");
    }

    private static JsonNode nodeAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode cur = tree;
        for (JsonMappingException.Reference r : path) {
            if (cur == null) {
                return null;
            }
            cur = r.getFieldName() != null ? cur.get(r.getFieldName()) : r.getIndex() >= 0 ? cur.get(r.getIndex()) : cur;
        }
        return cur;
    }

    /** "; did you mean "name"?" for a near miss (edit distance at most 2, or a case difference). */
    static String suggestion(String unknown, Collection<Object> known) {
        if (unknown == null || known == null) {
            return "";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Object k : known) {
            String candidate = String.valueOf(k);
            int d = candidate.equalsIgnoreCase(unknown) ? 0 : editDistance(unknown, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= 2 ? "; did you mean \"" + best + "\"?" : "";
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "none";
        }
        return new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream().collect(Collectors.joining(", "));
    }

    /** "options.cpuHz", "techniques[2]", "" for the top level. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** The path of the value the parser is in, from its context chain. */
    private static String contextPath(JsonStreamContext ctx) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                if (c.getCurrentName() != null) {
                    parts.addFirst("." + c.getCurrentName());
                }
            } else if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String s = String.join("", parts);
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + abbreviate(node.asText()) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + abbreviate(node.asText());
        }
        if (node.isBoolean()) {
            return String.valueOf(node.asBoolean());
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Immutable copy of a possibly-null list. */
    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
