package dev.sluice.core.sql;

import net.sf.jsqlparser.schema.Table;

import java.util.List;
import java.util.Locale;

/**
 * The one spelling of a table name that analyses report: lower-case, unquoted, qualified exactly as the
 * statement qualified it ({@code "Clinic"."Patients"} becomes {@code clinic.patients}; {@code patients} stays
 * unqualified, because which schema it resolves to depends on the session's search path).
 */
final class TableNames {

    private TableNames() {
    }

    /** The name of a table the parser found. */
    static String of(Table table) {
        List<String> parts = table.getNameParts(); // innermost (the table itself) first
        StringBuilder name = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            String part = parts.get(i);
            if (part == null || part.isEmpty()) {
                continue; // SQL Server's db..table leaves the schema out
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(part(part));
        }
        return name.toString();
    }

    /** Whether the name has no schema or database qualifier (only then can it refer to a CTE). */
    static boolean isUnqualified(Table table) {
        List<String> parts = table.getNameParts();
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i) != null && !parts.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** One name part: quotes ({@code "…"}, {@code `…`}, {@code […]}, {@code U&"…"}) removed, lower-cased. */
    static String part(String raw) {
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
}
