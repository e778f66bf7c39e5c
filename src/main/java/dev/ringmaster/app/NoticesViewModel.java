package dev.ringmaster.app;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The notices a window shows, newest last; the notice bar is visible while there is one. */
public final class NoticesViewModel {
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> view = FXCollections.unmodifiableObservableList(notices);

    public void show(Notice notice) {
        notices.add(notice);
    }

    public void dismiss(Notice notice) {
        notices.remove(notice);
    }

    public ObservableList<Notice> notices() {
        return view;
    }
}
