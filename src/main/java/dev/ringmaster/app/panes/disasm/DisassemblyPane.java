package dev.ringmaster.app.panes.disasm;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/**
 * The "Disassembly" pane: the listing around EIP (or around an address another pane asked for) with
 * a gutter — a click there sets or clears a breakpoint (red dot), the arrow marks the instruction at
 * EIP — the instruction's address, bytes and objdump text, and the target of direct branches
 * (double-click a branch to show its target). Its toolbar steps, steps over a CALL, runs to the
 * selected row, pauses and resumes the VM; "Follow EIP" keeps the listing on the CPU.
 */
public final class DisassemblyPane extends BorderPane {
    /** Style class of the gutter cells (a click toggles the row's breakpoint). */
    public static final String GUTTER = "disasm-gutter";
    /** Style class of the row of the instruction at EIP. */
    public static final String CURRENT = "disasm-current";
    public static final String BREAKPOINT = "disasm-breakpoint";
    public static final String MARKED = "disasm-marked";
    /** Style class of a gutter cell whose row has a breakpoint. */
    public static final String GUTTER_BREAKPOINT = "disasm-gutter-breakpoint";

    private final DisassemblyViewModel model;
    private final TableView<DisassemblyRow> table;

    public DisassemblyPane(DisassemblyViewModel model) {
        this.model = model;
        setId("disasmPane");
        table = new TableView<>(model.rows());
        table.setId("disasmTable");
        table.setPlaceholder(new Label("No code yet: start the VM (the listing is read while it runs or pauses)."));
        table.setFixedCellSize(22);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        TableColumn<DisassemblyRow, DisassemblyRow> gutter = new TableColumn<>("");
        gutter.setPrefWidth(30);
        gutter.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        gutter.setCellFactory(c -> new GutterCell());
        table.getColumns().add(gutter);
        table.getColumns().add(text("Address", 80, DisassemblyRow::addressText));
        table.getColumns().add(text("Bytes", 118, DisassemblyRow::bytes));
        table.getColumns().add(text("Instruction", 230, DisassemblyRow::text));
        table.getColumns().add(text("Branch target", 120, DisassemblyRow::targetText));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.getStyleClass().add("disasm-table"); // the font and the row colours are in base.css
        table.setRowFactory(t -> {
            TableRow<DisassemblyRow> row = new TableRow<>() {
                @Override
                protected void updateItem(DisassemblyRow item, boolean empty) {
                    super.updateItem(item, empty);
                    boolean live = !empty && item != null;
                    // the colours are in base.css: a row's classes change only when its marks do
                    mark(this, CURRENT, live && item.current());
                    mark(this, BREAKPOINT, live && item.breakpoint());
                    mark(this, MARKED, live && item.marked());
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null
                        && row.getItem().branchTarget() >= 0) {
                    model.showAddress((int) row.getItem().branchTarget());
                }
            });
            return row;
        });
        // keep the asked-for address (a selected trap) in view when the listing is not following EIP
        model.rows().addListener((javafx.collections.ListChangeListener<DisassemblyRow>) c -> {
            if (!model.followEipProperty().get()) {
                for (int i = 0; i < model.rows().size(); i++) {
                    if (model.rows().get(i).marked()) {
                        table.scrollTo(Math.max(0, i - 4));
                        break;
                    }
                }
            }
        });
        // keep the instruction at EIP in view
        model.currentRowProperty().addListener((o, a, cur) -> {
            if (cur != null) {
                int i = model.rows().indexOf(cur);
                if (i >= 0) {
                    table.scrollTo(Math.max(0, i - 4));
                }
            }
        });

        Button step = button("disasmStep", "Step", "Execute one instruction", model::step);
        Button over = button("disasmStepOver", "Step over", "Over a CALL: run until the instruction after it", model::stepOver);
        Button cursor = button("disasmRunToCursor", "To cursor", "Run until EIP reaches the selected row",
                () -> model.runToCursor(table.getSelectionModel().getSelectedItem()));
        cursor.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button pause = button("disasmPause", "Pause", "Pause the VM", model::pause);
        Button resume = button("disasmResume", "Continue", "Resume the VM (it stops at breakpoints)", model::resume);
        CheckBox follow = new CheckBox("Follow EIP");
        follow.setId("disasmFollow");
        follow.selectedProperty().bindBidirectional(model.followEipProperty());
        TextField go = new TextField();
        go.setId("disasmGoto");
        go.setPromptText("Go to address (hex)");
        go.setPrefColumnCount(12);
        go.setOnAction(e -> {
            try {
                model.showAddress(Integer.parseUnsignedInt(go.getText().trim().replaceFirst("^(0[xX])", ""), 16));
                go.setStyle("");
            } catch (NumberFormatException ex) {
                go.setStyle("-fx-border-color: #c62828;");
            }
        });
        // a flow, not a tool bar: in a narrow dock every command stays visible (wrapped), none hides in an overflow menu
        FlowPane bar = new FlowPane(4, 4, step, over, cursor, pause, resume, follow, go);
        bar.setPadding(new Insets(4));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setStyle("-fx-background-color: -fx-body-color, -fx-outer-border; -fx-background-insets: 0, 0 0 1 0;");
        setTop(bar);
        setCenter(table);
        Label status = new Label();
        status.setId("disasmStatus");
        status.textProperty().bind(model.statusProperty());
        setBottom(status);
        setMinSize(200, 120);
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<DisassemblyRow, String> text(String title, double width, Function<DisassemblyRow, String> value) {
        TableColumn<DisassemblyRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    /** The gutter: ● for a breakpoint, ▶ at EIP; a click toggles the breakpoint. */
    private final class GutterCell extends TableCell<DisassemblyRow, DisassemblyRow> {
        GutterCell() {
            getStyleClass().add(GUTTER);
            setOnMouseClicked(e -> {
                DisassemblyRow r = getItem();
                if (r != null && e.getButton() == MouseButton.PRIMARY) {
                    model.toggleBreakpoint(r.address());
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(DisassemblyRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                mark(this, GUTTER_BREAKPOINT, false);
                return;
            }
            setText((item.breakpoint() ? "●" : " ") + (item.current() ? "▶" : " "));
            mark(this, GUTTER_BREAKPOINT, item.breakpoint());
        }
    }

    /** Adds or removes a style class only when it changes (each change makes JavaFX match the node's CSS again). */
    private static void mark(javafx.scene.Node node, String styleClass, boolean on) {
        boolean has = node.getStyleClass().contains(styleClass);
        if (on && !has) {
            node.getStyleClass().add(styleClass);
        } else if (!on && has) {
            node.getStyleClass().remove(styleClass);
        }
    }
}
