package dev.ringmaster.template;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A template, VM definition (or any other Ringmaster JSON file) that cannot be used, with one clear
 * message naming the file, the JSON field and what is wrong, e.g.
 * {@code /home/ann/ringmaster/vm-templates/rmx.json: field "memoryMiB": must be between 1 and 512 MiB, found 4096}.
 * When the JSON parser knows where the problem is, the message starts with
 * {@code FILE:LINE:COLUMN:} like a compiler's. The parts are also available separately so that
 * the GUI can show them in its own layout.
 */
public final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file    the file (shown as given)
     * @param field   the JSON field path ({@code memoryMiB}, {@code options.cpuHz},
     *                {@code techniques[2]}), or null when the problem is the file as a whole
     * @param line    1-based line, or 0 when unknown
     * @param column  1-based column, or 0 when unknown
     * @param problem what is wrong, in plain words
     */
    public ConfigFileException(Path file, String field, int line, int column, String problem) {
        this(file, field, line, column, problem, null);
    }

    public ConfigFileException(Path file, String field, int line, int column, String problem, Throwable cause) {
        super(format(file, field, line, column, problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.field = field;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** A problem with one field, without a known position. */
    public static ConfigFileException field(Path file, String field, String problem) {
        return new ConfigFileException(file, field, 0, 0, problem);
    }

    /** A problem with the file as a whole. */
    public static ConfigFileException file(Path file, String problem) {
        return new ConfigFileException(file, null, 0, 0, problem);
    }

    private static String format(Path file, String field, int line, int column, String problem) {
        StringBuilder b = new StringBuilder().append(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (field != null && !field.isEmpty()) {
            b.append("field \"").append(field).append("\": ");
        }
        return b.append(problem).toString();
    }

    public Path file() {
        return file;
    }

    /** The JSON field path, when the problem is in one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field).filter(f -> !f.isEmpty());
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the file and field. */
    public String problem() {
        return problem;
    }
}
