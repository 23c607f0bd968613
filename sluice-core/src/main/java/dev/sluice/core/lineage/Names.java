package dev.sluice.core.lineage;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identifier spelling for lineage, the same as the analyser's table names: quotes removed and lower-cased
 * ({@code "SSN"} and {@code ssn} are one name here; rules compare ignoring case, so folding can only widen a match).
 */
final class Names {

    private Names() {
    }

    /** One identifier: quotes ({@code "…"}, {@code U&"…"}) removed, lower-cased. */
    static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw;
        if (text.length() >= 3 && (text.startsWith("U&\"") || text.startsWith("u&\""))) {
            text = text.substring(2);
        }
        if (text.length() >= 2) {
            char open = text.charAt(0);
            char close = text.charAt(text.length() - 1);
            if ((open == '"' && close == '"') || (open == '`' && close == '`')) {
                String doubled = String.valueOf(open) + open;
                text = text.substring(1, text.length() - 1).replace(doubled, String.valueOf(open));
            } else if (open == '[' && close == ']') {
                text = text.substring(1, text.length() - 1);
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Whether an identifier was written in quotes (then it is never a keyword such as {@code current_user}). */
    static boolean quoted(String raw) {
        return raw != null && !raw.isEmpty() && (raw.charAt(0) == '"' || raw.startsWith("U&") || raw.startsWith("u&"));
    }

    /** A table name as {schema or null, name}; a catalog (database) qualifier is dropped. */
    static String[] table(Table table) {
        List<String> parts = table.getNameParts(); // innermost first
        String name = parts.isEmpty() ? table.getName() : parts.getFirst();
        String schema = parts.size() > 1 && parts.get(1) != null && !parts.get(1).isEmpty() ? parts.get(1) : null;
        return new String[] {identifier(schema), identifier(name)};
    }

    /** The column names of an alias ({@code AS q(a, b)}), or none. */
    static List<String> aliasColumns(Alias alias) {
        if (alias == null || alias.getAliasColumns() == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        alias.getAliasColumns().forEach(column -> names.add(identifier(column.name)));
        return names;
    }

    /** The alias's name, or null. */
    static String alias(Alias alias) {
        return alias == null || alias.getName() == null ? null : identifier(alias.getName());
    }

    /**
     * A function's name as the built-in catalogue knows it, or null for a function qualified by a schema other
     * than {@code pg_catalog} (a user's function: nothing is known about it).
     */
    static String function(List<String> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        String raw = parts.getLast();
        String last = identifier(raw);
        if (quoted(raw) && !last.equals(raw.substring(raw.indexOf('"') + 1, raw.length() - 1))) {
            return null; // "UPPER" is not upper: quoted names keep their case, and no built-in has capitals
        }
        if (parts.size() == 1) {
            return last;
        }
        return parts.size() == 2 && "pg_catalog".equals(identifier(parts.getFirst())) ? last : null;
    }
}
