package dev.ringmaster.app.prefs;

/** A configuration file's content is not what it should be; the message says what, in plain words. */
public final class ConfigFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigFormatException(String problem) {
        super(problem);
    }

    public ConfigFormatException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
