package dev.ringmaster.engine.cost;

import java.util.Objects;

/**
 * Where one number of a {@link CostModel} comes from, for the UI's "where does this number come
 * from" and for {@code ringmaster cost}.
 *
 * @param basis     whether the number is a published measurement, derived from published ones, or an estimate
 * @param reference the publication it comes from or is derived from; null for an estimate with none
 * @param where     where in the publication (table, figure, section), or "" when there is no reference
 * @param figure    the published figure as a fact, e.g. "ptemod: 391 cycles under the software VMM";
 *                  for an estimate, the figure it is compared with, or ""
 * @param note      how a derived number was computed, or why an estimate is what it is; may be ""
 */
public record Source(Basis basis, Reference reference, String where, String figure, String note) {
    /** How much to trust a number. */
    public enum Basis {
        /** The number is a published measurement (possibly transcribed by a secondary source, as the note says). */
        PUBLISHED("published"),
        /** The number is computed from published figures, as the note says. */
        DERIVED("derived"),
        /** No published figure: the note gives the reasoning. */
        ESTIMATE("estimate");

        private final String word;

        Basis(String word) {
            this.word = word;
        }

        /** "published", "derived" or "estimate". */
        public String word() {
            return word;
        }
    }

    public Source {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(note, "note");
        if (basis != Basis.ESTIMATE && reference == null) {
            throw new IllegalArgumentException("a " + basis.word() + " number needs a reference");
        }
        if (basis != Basis.PUBLISHED && note.isBlank()) {
            throw new IllegalArgumentException("a " + basis.word() + " number needs a note saying how it was obtained");
        }
    }

    /** A published measurement. */
    public static Source published(Reference reference, String where, String figure, String note) {
        return new Source(Basis.PUBLISHED, reference, where, figure, note);
    }

    /** A number computed from published ones; {@code how} says how. */
    public static Source derived(Reference reference, String where, String figure, String how) {
        return new Source(Basis.DERIVED, reference, where, figure, how);
    }

    /** An estimate with no published figure behind it; {@code why} gives the reasoning. */
    public static Source estimate(String why) {
        return new Source(Basis.ESTIMATE, null, "", "", why);
    }

    /** An estimate made in the light of a publication (which does not give the number itself). */
    public static Source estimate(Reference context, String where, String why) {
        return new Source(Basis.ESTIMATE, context, where, "", why);
    }

    /** "[AA06] Adams, Agesen... , §6.3" or "" for an estimate with no reference. */
    public String citation() {
        if (reference == null) {
            return "";
        }
        return "[" + reference.key() + "] " + reference.citation() + (where.isEmpty() ? "" : ", " + where);
    }

    /** One line: basis, citation, figure and note, for text reports. */
    public String describe() {
        StringBuilder b = new StringBuilder(basis.word());
        if (reference != null) {
            b.append(": [").append(reference.key()).append(']');
            if (!where.isEmpty()) {
                b.append(' ').append(where);
            }
        }
        if (!figure.isEmpty()) {
            b.append(" - ").append(figure);
        }
        if (!note.isEmpty()) {
            b.append(" (").append(note).append(')');
        }
        return b.toString();
    }
}
