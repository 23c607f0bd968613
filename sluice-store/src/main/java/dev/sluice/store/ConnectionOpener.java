package dev.sluice.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new physical connection to the store, outside any pool; the caller owns and closes it. */
@FunctionalInterface
interface ConnectionOpener {

    Connection open() throws SQLException;
}
