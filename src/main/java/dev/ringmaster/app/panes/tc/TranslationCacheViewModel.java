package dev.ringmaster.app.panes.tc;

import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import dev.ringmaster.engine.vmm.Technique;
import dev.ringmaster.engine.vmm.bt.CalloutKind;
import dev.ringmaster.engine.vmm.bt.TranslationCacheView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The translation-cache pane's model (binary-translation VMs): the translator's statistics and the most
 * recently translated blocks, each guest instruction beside its translation (identical, rewritten, callout).
 * The picture comes from the VM thread ({@link VmCommand.ReadTranslations}, one request at a time) — every
 * second while the VM runs, once after it stops — never from the live translator. Consumer thread only (FX).
 */
public final class TranslationCacheViewModel {
    /** Blocks asked for (the most recent ones). */
    static final int MAX_BLOCKS = 400;
    /** How often a running VM's cache is read again. */
    static final long RUNNING_REFRESH_NANOS = 1_000_000_000L;

    private final Function<VmCommand, CompletableFuture<VmResult>> vm;
    private final Executor fx;
    private final Technique technique;
    private final ObservableList<TranslationCacheView.Block> blocks = FXCollections.observableArrayList();
    private final ObservableList<TranslationCacheView.Line> lines = FXCollections.observableArrayList();
    private final ObjectProperty<TranslationCacheView.Block> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper stats = new ReadOnlyStringWrapper(this, "stats", "");
    private final ReadOnlyStringWrapper callouts = new ReadOnlyStringWrapper(this, "callouts", "");
    private TranslationCacheView view;
    private boolean inFlight;
    private long lastRequest = Long.MIN_VALUE;
    private VmState.Kind lastState;

    public TranslationCacheViewModel(Function<VmCommand, CompletableFuture<VmResult>> vm, Executor fx,
                                     Technique technique) {
        this.vm = Objects.requireNonNull(vm, "vm");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.technique = technique;
        status.set(technique == Technique.BT ? "No translations yet: the VM has not started."
                : "This VM runs " + technique.displayName() + ": there is no translation cache (binary translation only).");
        selected.addListener((o, a, b) -> lines.setAll(b == null ? List.of() : b.lines()));
        filter.addListener(o -> applyFilter());
    }

    public ObservableList<TranslationCacheView.Block> blocks() {
        return blocks;
    }

    /** The selected block's instructions. */
    public ObservableList<TranslationCacheView.Line> lines() {
        return lines;
    }

    public ObjectProperty<TranslationCacheView.Block> selectedProperty() {
        return selected;
    }

    /** Hex text: only blocks whose guest address contains it are listed. */
    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty calloutsProperty() {
        return callouts.getReadOnlyProperty();
    }

    /** The last picture taken (null before the first). */
    public TranslationCacheView view() {
        return view;
    }

    /** Called on the pulse: reads the cache every second while the VM runs, once when it stops or pauses. */
    public void pulse(VmState state, long nowNanos) {
        if (technique != Technique.BT || state == null) {
            return;
        }
        VmState.Kind k = state.kind();
        boolean changed = k != lastState;
        lastState = k;
        boolean live = k == VmState.Kind.RUNNING || k == VmState.Kind.PAUSED;
        if (!live) {
            return;
        }
        if (changed || (k == VmState.Kind.RUNNING && nowNanos - lastRequest >= RUNNING_REFRESH_NANOS)) {
            lastRequest = nowNanos;
            refresh();
        }
    }

    /** Asks the VM for a new picture (ignored while one is on its way). */
    public void refresh() {
        if (technique != Technique.BT || inFlight) {
            return;
        }
        inFlight = true;
        vm.apply(new VmCommand.ReadTranslations(MAX_BLOCKS)).whenComplete((r, e) -> fx.execute(() -> {
            inFlight = false;
            if (e != null) {
                status.set("Could not read the translation cache: " + e.getMessage());
            } else if (r instanceof VmResult.Translations t) {
                show(t.view());
            } else if (r instanceof VmResult.NotAllowed n) {
                status.set(n.reason());
            }
        }));
    }

    /** Shows {@code v} (keeps the selected block when it is still there). */
    void show(TranslationCacheView v) {
        view = v;
        TranslationCacheView.Stats s = v.stats();
        long insns = s.identical() + s.rewritten() + s.callouts();
        stats.set(String.format(Locale.ROOT, "%d live blocks (%d translated in all), %s of %s used; instructions: "
                        + "%d identical (%d%%), %d rewritten, %d callouts; %d exits chained; %d invalidated in %d flush(es); "
                        + "%d callouts executed",
                s.liveBlocks(), s.blocksTranslated(), bytes(s.bytesUsed()), bytes(s.capacity()), s.identical(),
                insns == 0 ? 0 : s.identical() * 100 / insns, s.rewritten(), s.callouts(), s.chains(),
                s.invalidatedBlocks(), s.flushes(), s.calloutsExecuted()));
        callouts.set(s.calloutsByKind().isEmpty() ? "" : "Callouts translated, by kind: " + s.calloutsByKind().entrySet()
                .stream().sorted(Map.Entry.<CalloutKind, Long>comparingByValue().reversed())
                .map(en -> en.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + en.getValue())
                .collect(Collectors.joining(", ")));
        status.set(v.omitted() > 0 ? "Showing the " + v.blocks().size() + " most recent blocks (" + v.omitted()
                + " older ones not listed)." : "");
        applyFilter();
    }

    private static String bytes(long n) {
        return n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0)
                : n >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0) : n + " B";
    }

    private void applyFilter() {
        if (view == null) {
            return;
        }
        TranslationCacheView.Block keep = selected.get();
        String f = filter.get() == null ? "" : filter.get().strip().toUpperCase(Locale.ROOT).replaceFirst("^0X", "");
        blocks.setAll(view.blocks().stream().filter(b -> f.isEmpty() || String.format("%08X", b.guestAddress()).contains(f))
                .toList());
        TranslationCacheView.Block again = keep == null ? null : blocks.stream()
                .filter(b -> b.guestAddress() == keep.guestAddress()).findFirst().orElse(null);
        selected.set(again != null ? again : blocks.isEmpty() ? null : blocks.get(blocks.size() - 1));
    }

    /** Selects the block holding guest address {@code address}; false when no listed block has it. */
    public boolean showGuestAddress(int address) {
        for (TranslationCacheView.Block b : blocks) {
            if (Integer.compareUnsigned(address - b.guestAddress(), b.guestLength()) < 0) {
                selected.set(b);
                return true;
            }
        }
        return false;
    }
}
