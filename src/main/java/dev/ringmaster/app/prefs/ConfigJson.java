package dev.ringmaster.app.prefs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The JSON mapper of the GUI's own files (preferences, layouts) and the one way they are read:
 * unknown fields, duplicate keys, trailing content and numbers for enums are errors, and every
 * problem becomes a {@link ConfigFormatException} with its line, column and field path.
 */
public final class ConfigJson {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ConfigJson() {
    }

    /** The file codec of a record type: {@link #read} and {@link #write}. */
    public static <T> ConfigFile.Codec<T> codec(Class<T> type) {
        return new ConfigFile.Codec<>() {
            @Override
            public T decode(byte[] bytes) throws ConfigFormatException {
                return read(bytes, type);
            }

            @Override
            public byte[] encode(T value) {
                return write(value);
            }
        };
    }

    /** Binds {@code bytes} to {@code type}; the type's constructor may reject values with IllegalArgumentException. */
    public static <T> T read(byte[] bytes, Class<T> type) throws ConfigFormatException {
        T value;
        try {
            value = MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new ConfigFormatException(describe(e), e);
        } catch (IOException e) {
            throw new ConfigFormatException(String.valueOf(e.getMessage()), e);
        }
        if (value == null) {
            throw new ConfigFormatException("the file holds JSON null");
        }
        return value;
    }

    public static byte[] write(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** "line 3, column 7: field "root.children[1].panes": Unexpected character ('x')". */
    static String describe(JsonProcessingException e) {
        StringBuilder b = new StringBuilder();
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            b.append("line ").append(loc.getLineNr());
            if (loc.getColumnNr() > 0) {
                b.append(", column ").append(loc.getColumnNr());
            }
            b.append(": ");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            b.append("field \"").append(path.startsWith(".") ? path.substring(1) : path).append("\": ");
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof IllegalArgumentException && root != e ? root.getMessage() : e.getOriginalMessage();
        return b.append(firstLine(message)).toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid content";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
