package dev.ringmaster.app.panes.console;

import dev.ringmaster.app.pulse.BatchList;
import dev.ringmaster.template.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.beans.InvalidationListener;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;

/**
 * The "Console" pane: tabs VGA | Serial. The VGA tab is the text screen drawn as a real 80×25
 * screen taking keyboard input; the Serial tab is a terminal on COM1 taking typed characters. The
 * toolbar copies the shown console's text and saves a PNG of the VGA screen.
 */
public final class ConsolePane extends BorderPane {
    private final VgaScreenViewModel vga;
    private final SerialTerminalViewModel serial;
    private final VgaScreenView screenView;
    private final TabPane tabs = new TabPane();
    private final Tab vgaTab;
    private final Label status = new Label();
    private Consumer<String> problems = m -> status.setText(m);

    public ConsolePane(VgaScreenViewModel vga, SerialTerminalViewModel serial, KeyboardSink keyboard) {
        this.vga = Objects.requireNonNull(vga, "vga");
        this.serial = Objects.requireNonNull(serial, "serial");
        setId("consolePane");
        getStyleClass().add("console-pane");
        screenView = new VgaScreenView(vga, new PcKeyboard(keyboard));
        // The screen keeps its 720×400 aspect and is scaled to the space the pane has (up for a
        // projector, down for a small window).
        StackPane screenHolder = new StackPane(new Group(screenView));
        screenHolder.setStyle("-fx-background-color: #202020;");
        screenHolder.setMinSize(0, 0);
        InvalidationListener fit = o -> {
            double k = Math.min((screenHolder.getWidth() - 16) / VgaScreenView.WIDTH,
                    (screenHolder.getHeight() - 16) / VgaScreenView.HEIGHT);
            k = Math.max(0.25, k);
            screenView.setScaleX(k);
            screenView.setScaleY(k);
        };
        screenHolder.widthProperty().addListener(fit);
        screenHolder.heightProperty().addListener(fit);
        vgaTab = new Tab("VGA", screenHolder);
        vgaTab.setId("consoleVgaTab");
        vgaTab.setClosable(false);
        vgaTab.setOnSelectionChanged(e -> {
            if (vgaTab.isSelected()) {
                screenView.requestFocus();
            }
        });

        Tab serialTab = new Tab("Serial", serialView());
        serialTab.setId("consoleSerialTab");
        serialTab.setClosable(false);
        tabs.setId("consoleTabs");
        tabs.getTabs().addAll(vgaTab, serialTab);

        Button copy = new Button("Copy text");
        copy.setId("consoleCopy");
        copy.setOnAction(e -> copyText());
        Button save = new Button("Save screenshot…");
        save.setId("consoleScreenshot");
        save.setOnAction(e -> chooseAndSaveScreenshot());
        CheckBox newLine = new CheckBox("LF is new line");
        newLine.setId("serialNewLineMode");
        newLine.selectedProperty().bindBidirectional(serial.newLineModeProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        status.setId("consoleStatus");
        ToolBar bar = new ToolBar(copy, save, newLine, gap, status);
        setTop(bar);
        setCenter(tabs);
        setMinSize(120, 80);
    }

    private ListView<String> serialView() {
        ListView<String> list = new ListView<>(serial.lines());
        list.setId("serialTerminal");
        list.getStyleClass().add("serial-terminal"); // its colours and font are in base.css
        list.setFixedCellSize(18); // one line each: no per-cell measuring in a long scrollback
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        // Follow the output as a terminal does: one scroll per refresh that added lines (a refresh is
        // one change), none when only the cursor's line changed.
        serial.lines().addListener((ListChangeListener<String>) c -> {
            if (BatchList.appendedAtEnd(c)) {
                list.scrollTo(serial.lines().size() - 1);
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.BACK_SPACE || e.getCode() == KeyCode.TAB) {
                serial.type(e.getCode() == KeyCode.ENTER ? "\r" : e.getCode() == KeyCode.TAB ? "\t" : "\b");
                e.consume();
            } else if (e.getCode().isArrowKey() || e.getCode() == KeyCode.SPACE) {
                if (e.getCode() == KeyCode.SPACE) {
                    serial.type(" ");
                }
                e.consume();
            }
        });
        list.setOnKeyTyped(e -> {
            String ch = e.getCharacter();
            // Enter, Backspace, Tab and Space were sent on key press; Ctrl+letter arrives here as its control byte.
            if (!ch.isEmpty() && "\r\n\b\t \u007f".indexOf(ch.charAt(0)) < 0) {
                serial.type(ch);
            }
            e.consume();
        });
        return list;
    }

    /** Where problems (a failed save) are reported; the pane's status line by default. */
    public void setProblemReporter(Consumer<String> reporter) {
        this.problems = Objects.requireNonNull(reporter, "reporter");
    }

    public VgaScreenView screenView() {
        return screenView;
    }

    /** True when the VGA tab is in front (false: the Serial tab). */
    public boolean vgaTabSelected() {
        return vgaTab.isSelected();
    }

    /** The text of the console shown: the VGA screen or the serial scrollback. */
    public String shownText() {
        return vgaTab.isSelected() ? vga.text() : serial.text();
    }

    /** Copies the shown console's text to the clipboard. */
    public void copyText() {
        ClipboardContent content = new ClipboardContent();
        content.putString(shownText());
        Clipboard.getSystemClipboard().setContent(content);
        status.setText("Copied " + (vgaTab.isSelected() ? "the VGA screen" : "the serial console"));
    }

    /** Saves a PNG of the VGA screen as drawn now (atomically). */
    public void saveScreenshot(Path file) throws IOException {
        AtomicFiles.write(file, screenView.png());
        status.setText("Saved " + file.getFileName());
    }

    private void chooseAndSaveScreenshot() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save VGA screenshot");
        chooser.setInitialFileName("screen.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            saveScreenshot(f.toPath());
        } catch (IOException ex) {
            problems.accept("Could not save the screenshot: " + ex.getMessage());
        }
    }
}
