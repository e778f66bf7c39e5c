package dev.ringmaster.app.prefs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The GUI's colour themes. Each is a stylesheet in {@code assets/themes/} (copied onto the
 * classpath under {@code /assets/themes/} by the build), applied on top of
 * {@link #BASE_STYLESHEET}, which holds what both share.
 */
public enum Theme {
    LIGHT("light", "Light"),
    DARK("dark", "Dark");

    /** Layout and shapes shared by every theme; the theme sheets only set colours. */
    public static final String BASE_STYLESHEET = "/assets/themes/base.css";

    private final String id;
    private final String displayName;

    Theme(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The identifier stored in preferences.json: "light" or "dark". */
    @JsonValue
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The classpath resource of this theme's stylesheet, e.g. {@code /assets/themes/dark.css}. */
    public String stylesheet() {
        return "/assets/themes/" + id + ".css";
    }

    @JsonCreator
    public static Theme fromId(String id) {
        for (Theme t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown theme \"" + id + "\" (known: "
                + Arrays.stream(values()).map(Theme::id).collect(Collectors.joining(", ")) + ")");
    }
}
