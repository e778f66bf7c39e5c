package dev.ringmaster.template;

import java.util.Objects;

/**
 * A value that breaks a rule of a template or VM definition, naming the JSON field it belongs to.
 * Thrown by the records' constructors and the validators; where a file is being read it becomes a
 * {@link ConfigFileException} naming the file as well. The GUI can use {@link #field()} to mark
 * the input that is wrong.
 */
public class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        super("field \"" + field + "\": " + problem);
        this.field = Objects.requireNonNull(field, "field");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The JSON field path, e.g. {@code memoryMiB} or {@code options.cpuHz}. */
    public String field() {
        return field;
    }

    /** What is wrong, in plain words. */
    public String problem() {
        return problem;
    }

    /** The same problem, attributed to a file. */
    public ConfigFileException in(java.nio.file.Path file) {
        return new ConfigFileException(file, field, 0, 0, problem, this);
    }
}
