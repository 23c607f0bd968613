package dev.sluice.core.sql;

/** SQL dialects the analyser knows; each protocol module asks for its own. */
public enum SqlDialect { POSTGRESQL, MYSQL }
