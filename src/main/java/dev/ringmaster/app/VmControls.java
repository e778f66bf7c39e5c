package dev.ringmaster.app;

import dev.ringmaster.engine.vm.Speed;
import dev.ringmaster.engine.vm.VmCommand;
import dev.ringmaster.engine.vm.VmResult;
import dev.ringmaster.engine.vm.VmState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The VM window's toolbar: lifecycle (Start, Pause, Resume, Reset, Force off), single step, the
 * classroom speed control (full speed, real time, slow motion), and the VM's state with the answer
 * to the last command ("not allowed: …"). Buttons are enabled for the states that allow them; the
 * VM still has the last word (a refused command is shown, never thrown). FX thread only.
 */
final class VmControls {
    /** The speeds offered, in menu order. */
    static final Map<String, Speed> SPEEDS = new LinkedHashMap<>();

    static {
        SPEEDS.put("Full speed", Speed.FULL);
        SPEEDS.put("Real time", Speed.REAL_TIME);
        SPEEDS.put("10× slower", Speed.slowMotion(10));
        SPEEDS.put("100× slower", Speed.slowMotion(100));
    }

    private final VmSession session;
    private final Executor fx;
    private final ObjectProperty<VmState> state = new SimpleObjectProperty<>(this, "state");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper(this, "answer", "");
    private final ToolBar bar;
    private final HBox status;

    /** @param fx runs the VM's answers on the FX thread (once per command, not per instruction) */
    VmControls(VmSession session, Executor fx) {
        this.session = session;
        this.fx = fx;
        state.set(session.state());
        Button start = button("vmStart", "Start", new VmCommand.Start());
        Button pause = button("vmPause", "Pause", new VmCommand.Pause());
        Button resume = button("vmResume", "Resume", new VmCommand.Resume());
        Button step = button("vmStep", "Step", new VmCommand.Step(1));
        Button reset = button("vmReset", "Reset", new VmCommand.Reset());
        Button off = button("vmForceOff", "Force off", new VmCommand.ForceOff());
        start.disableProperty().bind(not(VmState.Kind.DEFINED, VmState.Kind.SHUTOFF));
        pause.disableProperty().bind(not(VmState.Kind.RUNNING));
        resume.disableProperty().bind(not(VmState.Kind.PAUSED));
        step.disableProperty().bind(not(VmState.Kind.PAUSED));
        reset.disableProperty().bind(not(VmState.Kind.RUNNING, VmState.Kind.PAUSED, VmState.Kind.CRASHED));
        off.disableProperty().bind(not(VmState.Kind.RUNNING, VmState.Kind.PAUSED, VmState.Kind.CRASHED));
        ComboBox<String> speed = new ComboBox<>();
        speed.setId("vmSpeed");
        speed.getItems().setAll(SPEEDS.keySet());
        speed.setValue("Full speed");
        speed.valueProperty().addListener((o, a, n) -> {
            if (n != null) {
                send(new VmCommand.SetSpeed(SPEEDS.get(n)));
            }
        });
        Label stateLabel = new Label();
        stateLabel.setId("vmState");
        stateLabel.textProperty().bind(Bindings.createStringBinding(() -> describe(state.get()), state));
        Label answerLabel = new Label();
        answerLabel.setId("vmAnswer");
        answerLabel.textProperty().bind(answer);
        bar = new ToolBar(start, pause, resume, step, reset, off, new Separator(), new Label("Speed"), speed);
        bar.setId("vmToolbar");
        // the state and the last answer can be long ("Paused: trap-and-emulate: guest stalled: …"): a status
        // line of their own, so they never push the commands into the tool bar's overflow menu
        stateLabel.setStyle("-fx-font-weight: bold;");
        answerLabel.setStyle("-fx-text-fill: #c62828;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        status = new HBox(12, stateLabel, gap, answerLabel);
        status.setId("vmStatusLine");
        status.setPadding(new javafx.geometry.Insets(2, 8, 2, 8));
    }

    ToolBar bar() {
        return bar;
    }

    /** The VM's state and the answer to the last command, for the bottom of the window. */
    HBox statusLine() {
        return status;
    }

    /** Takes the state the VM last published (on the pulse). */
    void poll() {
        VmState s = session.state();
        if (!s.equals(state.get())) {
            state.set(s);
        }
    }

    ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    static String describe(VmState s) {
        if (s == null) {
            return "";
        }
        String kind = s.kind().name().charAt(0) + s.kind().name().substring(1).toLowerCase();
        return s.reason().isEmpty() ? kind : kind + ": " + s.reason();
    }

    private BooleanBinding not(VmState.Kind... allowed) {
        return Bindings.createBooleanBinding(() -> {
            VmState s = state.get();
            if (s == null) {
                return true;
            }
            for (VmState.Kind k : allowed) {
                if (s.kind() == k) {
                    return false;
                }
            }
            return true;
        }, state);
    }

    private Button button(String id, String text, VmCommand command) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> send(command));
        return b;
    }

    /** Sends a command; its answer shows beside the state ("" when it was done). */
    void send(VmCommand command) {
        answer.set("");
        session.submit(command).whenCompleteAsync((result, error) -> {
            if (error != null) {
                answer.set("Failed: " + error.getMessage());
            } else if (result instanceof VmResult.NotAllowed n) {
                answer.set("Not allowed: " + n.reason());
            } else if (result instanceof VmResult.Failed f) {
                answer.set("Failed: " + f.message());
            }
            if (result != null) {
                state.set(result.state());
            }
        }, fx);
    }
}
