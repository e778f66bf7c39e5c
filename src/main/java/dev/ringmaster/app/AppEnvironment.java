package dev.ringmaster.app;

import dev.ringmaster.app.panes.VmLibrary;
import dev.ringmaster.app.prefs.ConfigDirectory;
import dev.ringmaster.template.DataDirectory;
import dev.ringmaster.template.TemplateCatalog;
import dev.ringmaster.template.TemplateLocator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where a window finds the user's things: the configuration directory (preferences, layouts), the
 * data directory (VM definitions), the templates, and the clock.
 */
public record AppEnvironment(Path configDir, Path dataDir, VmLibrary.CatalogSource templates, Clock clock) {
    public AppEnvironment {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * This process's: {@link ConfigDirectory#resolve()} ({@code -Dringmaster.config.dir}),
     * {@link DataDirectory#resolve()} ({@code -Dringmaster.data.dir}), the templates found by
     * {@link TemplateLocator}, the system clock.
     */
    public static AppEnvironment fromSystem() {
        return new AppEnvironment(ConfigDirectory.resolve(), DataDirectory.resolve(),
                () -> TemplateCatalog.load(TemplateLocator.locate()), Clock.systemDefaultZone());
    }
}
