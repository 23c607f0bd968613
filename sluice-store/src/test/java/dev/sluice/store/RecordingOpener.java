package dev.sluice.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Opens connections through the store's real opener and keeps them, so a test can see and break them. */
final class RecordingOpener implements ConnectionOpener {

    private final ConnectionOpener real;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    RecordingOpener(ConnectionOpener real) {
        this.real = real;
    }

    @Override
    public Connection open() throws SQLException {
        Connection connection = real.open();
        opened.add(connection);
        return connection;
    }

    /** Every connection opened so far, oldest first. */
    List<Connection> opened() {
        return List.copyOf(opened);
    }
}
