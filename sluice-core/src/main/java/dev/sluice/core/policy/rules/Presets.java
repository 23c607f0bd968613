package dev.sluice.core.policy.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rules a user switches on by name ({@code presets: [destructive-ddl, unbounded-write]}), each with a default
 * action and message that a configuration may override. Each preset is ordinary rules with CEL conditions over
 * the same variables hand-written rules use; {@link Preset#conditions()} shows them.
 *
 * <table>
 *   <caption>The catalog</caption>
 *   <tr><th>preset</th><th>default</th><th>matches</th></tr>
 *   <tr><td>{@code destructive-ddl}</td><td>review</td><td>DROP, TRUNCATE, ALTER … DROP</td></tr>
 *   <tr><td>{@code unbounded-write}</td><td>deny</td><td>DELETE or UPDATE without a WHERE that restricts rows</td></tr>
 *   <tr><td>{@code privilege-changes}</td><td>deny</td><td>GRANT, REVOKE, CREATE/ALTER/DROP ROLE|USER|GROUP,
 *       SET ROLE, SET SESSION AUTHORIZATION</td></tr>
 *   <tr><td>{@code dangerous-functions}</td><td>deny</td><td>{@link #DANGEROUS_FUNCTIONS} and
 *       {@link #DANGEROUS_FUNCTION_PREFIXES}; COPY … PROGRAM; COPY to or from a server file</td></tr>
 *   <tr><td>{@code bulk-export}</td><td>review</td><td>COPY … TO; a SELECT without LIMIT that touches protected
 *       data</td></tr>
 * </table>
 * Like every rule, a preset that asks about the statement matches a statement the gateway could not analyse when
 * its action is deny or review (a fastpath function call, a DO block): {@code dangerous-functions} catches calls
 * the gateway cannot see into.
 */
public final class Presets {

    /**
     * The functions {@code dangerous-functions} refuses, by their name without schema (so {@code pg_catalog.} or
     * the schema an extension lives in changes nothing); see also {@link #DANGEROUS_FUNCTION_PREFIXES}:
     * <ul>
     *   <li>the server's file system: {@code pg_read_file}, {@code pg_read_binary_file}, {@code pg_stat_file},
     *       adminpack's {@code pg_file_write}, {@code pg_file_rename}, {@code pg_file_unlink} and
     *       {@code pg_logdir_ls}, and {@code lo_import} / {@code lo_export}, which move large objects from and to
     *       server files ({@code lo_from_bytea} and {@code lo_get} only touch the database, so they are left
     *       out);</li>
     *   <li>other sessions: {@code pg_terminate_backend} and {@code pg_cancel_backend}, which act on sessions
     *       this one does not own (the gateway has its own, audited, way to end sessions).</li>
     * </ul>
     * {@code set_config} is left out although {@code set_config('role', …)} changes role: applications use it for
     * their own settings, and the setting's name is a literal the analysis does not keep.
     */
    public static final List<String> DANGEROUS_FUNCTIONS = List.of("pg_read_file", "pg_read_binary_file",
            "pg_stat_file", "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_logdir_ls", "lo_import",
            "lo_export", "pg_terminate_backend", "pg_cancel_backend");

    /**
     * Name prefixes {@code dangerous-functions} refuses:
     * <ul>
     *   <li>{@code pg_ls_}: every listing of a server directory ({@code pg_ls_dir}, {@code pg_ls_waldir},
     *       {@code pg_ls_logdir}…);</li>
     *   <li>{@code dblink}: every dblink function, which connects from the server to any host, past the gateway
     *       and its audit;</li>
     *   <li>{@code query_to_xml}, {@code table_to_xml}, {@code schema_to_xml}, {@code database_to_xml} (and their
     *       {@code xmlschema} variants): they take the query or table to export as a string, so the tables they
     *       read never appear in the analysis.</li>
     * </ul>
     */
    public static final List<String> DANGEROUS_FUNCTION_PREFIXES = List.of("pg_ls_", "dblink", "query_to_xml",
            "table_to_xml", "schema_to_xml", "database_to_xml");

    /**
     * One preset.
     *
     * @param name          what a configuration writes
     * @param what          what it matches, as a phrase for messages ("DELETE or UPDATE without a WHERE clause")
     * @param defaultAction its action unless overridden
     * @param conditions    the conditions of its rules (CEL), in order
     */
    public record Preset(String name, String what, RuleAction defaultAction, List<String> conditions) {

        public Preset {
            conditions = List.copyOf(conditions);
        }

        /** The message a rule of this preset carries for {@code action} when none is configured. */
        public String defaultMessage(RuleAction action) {
            return switch (action) {
                case DENY -> what + " is not allowed on this connection";
                case REVIEW -> what + " needs approval";
                case WARN, ALLOW -> what;
            };
        }
    }

    /**
     * A preset as a configuration switches it on.
     *
     * @param preset  the preset's name
     * @param action  overrides the default action
     * @param message overrides the default message
     * @param review  approvers, approvals, timeout and channels when the action is review
     */
    public record Choice(String preset, Optional<RuleAction> action, Optional<String> message, ReviewTerms review) {

        public Choice {
            Objects.requireNonNull(preset, "preset");
            action = action == null ? Optional.empty() : action;
            message = message == null ? Optional.empty() : message;
            review = review == null ? ReviewTerms.DEFAULT : review;
        }

        /** The preset with its defaults. */
        public static Choice of(String preset) {
            return new Choice(preset, Optional.empty(), Optional.empty(), ReviewTerms.DEFAULT);
        }
    }

    private static final Map<String, Preset> CATALOG = catalog(
            new Preset("destructive-ddl", "destructive DDL (DROP, TRUNCATE, ALTER … DROP)", RuleAction.REVIEW,
                    List.of("statement.kind in ['DROP', 'TRUNCATE'] || 'ALTER_DROP' in statement.traits")),
            new Preset("unbounded-write", "DELETE or UPDATE without a WHERE clause", RuleAction.DENY,
                    List.of("statement.kind in ['DELETE', 'UPDATE'] && !statement.has_where")),
            new Preset("privilege-changes", "changing privileges or roles (GRANT, REVOKE, CREATE/ALTER/DROP ROLE, "
                    + "SET ROLE)", RuleAction.DENY,
                    List.of("statement.traits.exists(t, t in ['GRANT', 'REVOKE', 'ROLE_CHANGE'])")),
            new Preset("dangerous-functions", "a function or COPY form that reaches the server's files, programs, "
                    + "other sessions or other databases", RuleAction.DENY,
                    List.of("statement.functions.exists(f, cel.bind(name, f.substring(f.lastIndexOf('.') + 1), "
                            + "name in " + celList(DANGEROUS_FUNCTIONS) + " || " + celList(DANGEROUS_FUNCTION_PREFIXES)
                            + ".exists(prefix, name.startsWith(prefix))))"
                            + " || 'COPY_PROGRAM' in statement.traits || 'COPY_FILE' in statement.traits")),
            new Preset("bulk-export", "bulk export (COPY … TO, or a SELECT of protected data without LIMIT)",
                    RuleAction.REVIEW,
                    List.of("'COPY_TO' in statement.traits || statement.kind == 'SELECT' && !statement.has_limit "
                            + "&& statement.touches_protected")));

    /** The compiled conditions, by preset name: compiled once, shared by every policy that uses the preset. */
    private static final Map<String, List<Condition>> COMPILED = compileAll();

    private Presets() {
    }

    /** Every preset name, in catalog order. */
    public static List<String> names() {
        return List.copyOf(CATALOG.keySet());
    }

    public static Optional<Preset> find(String name) {
        return Optional.ofNullable(CATALOG.get(name));
    }

    /**
     * The rules a choice switches on, named after the preset ({@code name}, or {@code name/2}… when a preset has
     * several).
     *
     * @throws IllegalArgumentException for an unknown preset (check with {@link #find} first)
     */
    public static List<Rule> rules(Choice choice) {
        Preset preset = find(choice.preset()).orElseThrow(() ->
                new IllegalArgumentException("unknown preset '" + choice.preset() + "'"));
        RuleAction action = choice.action().orElse(preset.defaultAction());
        String message = choice.message().orElse(preset.defaultMessage(action));
        List<Condition> conditions = COMPILED.get(preset.name());
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            String name = i == 0 ? preset.name() : preset.name() + "/" + (i + 1);
            rules.add(new Rule(name, conditions.get(i), action, message, choice.review()));
        }
        return List.copyOf(rules);
    }

    private static String celList(List<String> words) {
        return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    private static Map<String, Preset> catalog(Preset... presets) {
        Map<String, Preset> byName = new LinkedHashMap<>();
        for (Preset preset : presets) {
            byName.put(preset.name(), preset);
        }
        return byName;
    }

    private static Map<String, List<Condition>> compileAll() {
        Map<String, List<Condition>> compiled = new LinkedHashMap<>();
        for (Preset preset : CATALOG.values()) {
            List<Condition> conditions = new ArrayList<>();
            for (String condition : preset.conditions()) {
                try {
                    conditions.add(Condition.compile(condition));
                } catch (InvalidCondition e) {
                    throw new IllegalStateException("preset " + preset.name() + " does not compile: "
                            + e.getMessage(), e);
                }
            }
            compiled.put(preset.name(), List.copyOf(conditions));
        }
        return compiled;
    }
}
