package dev.ringmaster.template;

/**
 * Checks of field values shared by templates and VM definitions; each failure is an
 * {@link InvalidFieldException} naming the field.
 */
final class Fields {
    private Fields() {
    }

    /** The value, or "missing (required)" when the field was absent. */
    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "missing (required)");
        }
        return value;
    }

    /** A required one-line text: not blank, no control characters, at most {@code max} characters. */
    static String line(String field, String value, int max) {
        required(field, value);
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
        return text(field, value, max, false);
    }

    /**
     * Checks a text of at most {@code max} characters that has no control characters (but tab, line
     * feed and carriage return when {@code multiLine}) and is valid Unicode, so that it can go into
     * XML and onto a terminal unchanged.
     */
    static String text(String field, String value, int max, boolean multiLine) {
        required(field, value);
        if (value.length() > max) {
            throw new InvalidFieldException(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedWhitespace = multiLine && (c == '\n' || c == '\t' || c == '\r');
            if ((Character.isISOControl(c) && !allowedWhitespace) || c == '\uFFFE' || c == '\uFFFF') {
                throw new InvalidFieldException(field, String.format("contains the control character U+%04X at position %d%s",
                        (int) c, i + 1, multiLine ? "" : " (it must be one line)"));
            }
            boolean unpaired = Character.isHighSurrogate(c)
                    ? i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
            if (unpaired) {
                throw new InvalidFieldException(field, "contains an unpaired surrogate at position " + (i + 1));
            }
        }
        return value;
    }

    /** A required whole number in {@code min..max}. */
    static long range(String field, Long value, long min, long max, String unit) {
        required(field, value);
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be between " + min + " and " + max + unit + ", found " + value);
        }
        return value;
    }
}
