package dev.ringmaster.template;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small indenting XML writer (libvirt style: two spaces, single-quoted attributes) that escapes
 * text and attribute values and refuses characters XML 1.0 cannot carry.
 */
final class XmlWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens {@code <name attr='value' ...>}; attributes are name/value pairs. */
    XmlWriter start(String name, String... attributes) {
        indent().append('<').append(name);
        attributes(attributes);
        out.append(">\n");
        open.push(name);
        return this;
    }

    /** Writes {@code <name attr='value' .../>}. */
    XmlWriter empty(String name, String... attributes) {
        indent().append('<').append(name);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** Writes {@code <name attr='value'>text</name>}. */
    XmlWriter text(String name, String text, String... attributes) {
        indent().append('<').append(name);
        attributes(attributes);
        out.append('>');
        escape(text, false);
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** Closes the innermost open element. */
    XmlWriter end() {
        String name = open.pop();
        indent().append("</").append(name).append(">\n");
        return this;
    }

    /** Writes a comment; each line of {@code text} becomes an indented comment line. */
    XmlWriter comment(String text) {
        if (text.contains("--") || text.endsWith("-")) {
            throw new IllegalArgumentException("an XML comment cannot contain \"--\" or end with '-'");
        }
        checkChars(text);
        indent().append("<!--");
        for (String line : text.split("\n", -1)) {
            out.append('\n');
            indent().append("  ").append(line);
        }
        out.append('\n');
        indent().append("-->\n");
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    private StringBuilder indent() {
        for (int i = 0; i < open.size(); i++) {
            out.append("  ");
        }
        return out;
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("='");
            escape(attributes[i + 1], true);
            out.append('\'');
        }
    }

    private void escape(String s, boolean attribute) {
        checkChars(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // In attributes, whitespace other than ' ' would be normalized away by parsers.
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }

    /** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
    private static void checkChars(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!ok) {
                throw new IllegalArgumentException(String.format("U+%04X cannot be written in XML 1.0", cp));
            }
            i += Character.charCount(cp);
        }
    }
}
