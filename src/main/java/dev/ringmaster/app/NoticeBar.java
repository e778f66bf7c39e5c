package dev.ringmaster.app;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A bar under the toolbar, one row per {@link Notice}, each with a Dismiss button; it takes no
 * space while there is none. Node ids: {@code noticeBar}; rows have the style class {@code notice},
 * their text {@code notice-title} and {@code notice-message}.
 */
public final class NoticeBar extends VBox {
    public NoticeBar(NoticesViewModel model) {
        setId("noticeBar");
        getStyleClass().add("notice-bar");
        model.notices().addListener((ListChangeListener<Notice>) c -> rebuild(model));
        rebuild(model);
    }

    private void rebuild(NoticesViewModel model) {
        getChildren().clear();
        for (Notice n : model.notices()) {
            Label mark = new Label("!");
            mark.getStyleClass().add("notice-mark");
            Label title = new Label(n.title());
            title.getStyleClass().add("notice-title");
            title.setMinWidth(Label.USE_PREF_SIZE);
            Label message = new Label(n.message());
            message.getStyleClass().add("notice-message");
            message.setWrapText(true);
            message.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(message, Priority.ALWAYS);
            Button dismiss = new Button("Dismiss");
            dismiss.getStyleClass().add("notice-dismiss");
            dismiss.setMinWidth(Button.USE_PREF_SIZE);
            dismiss.setOnAction(e -> model.dismiss(n));
            HBox row = new HBox(8, mark, title, message, dismiss);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("notice");
            getChildren().add(row);
        }
        boolean any = !model.notices().isEmpty();
        setVisible(any);
        setManaged(any);
    }
}
