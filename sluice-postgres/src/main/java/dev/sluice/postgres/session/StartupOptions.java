package dev.sluice.postgres.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code options} startup parameter, read as PostgreSQL reads it: words split at unescaped whitespace, where a
 * backslash makes the next character literal ({@code pg_split_opts}), each word then a server command-line switch.
 *
 * <p>The gateway accepts only the switches that set a run-time parameter, {@code -c name=value} (also written
 * {@code -cname=value}) and {@code --name=value}, because those it can put to the gate as {@code SET} commands. Every
 * other switch ({@code -d 5}, {@code -e}, {@code -B 100}…) and any stray word is refused: each changes the server
 * session in a way no command describes, and PostgreSQL itself refuses the stray words. As PostgreSQL does, a
 * {@code -} in a parameter name reads as {@code _}.
 *
 * @see <a href="https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNECT-OPTIONS">options</a>
 */
final class StartupOptions {

    private StartupOptions() {
    }

    /** The settings {@code options} asks for, in order; a later one for the same name wins, as in PostgreSQL. */
    static List<StartupSetting> settings(String options) throws SessionRefusal {
        List<String> words = words(options);
        List<StartupSetting> settings = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--")) {
                if (i + 1 < words.size()) {
                    throw malformed("a word that is not a switch");
                }
            } else if (word.startsWith("--")) {
                settings.add(setting(word.substring(2), "--"));
            } else if (word.startsWith("-c")) {
                if (word.length() > 2) {
                    settings.add(setting(word.substring(2), "-c"));
                } else if (i + 1 < words.size()) {
                    settings.add(setting(words.get(++i), "-c"));
                } else {
                    throw malformed("-c without name=value");
                }
            } else if (word.startsWith("-") && word.length() > 1) {
                throw new SessionRefusal("0A000", "SLUICE: the switch " + word.substring(0, 2) + " in options is "
                        + "not supported by this gateway; options may only set parameters (-c name=value)",
                        "unsupported", "options switch " + word.substring(0, 2));
            } else {
                throw malformed("a word that is not a switch");
            }
        }
        return List.copyOf(settings);
    }

    /** {@code pg_split_opts}: whitespace separates words unless escaped; a backslash escapes any character. */
    static List<String> words(String options) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean escaped = false;
        for (int i = 0; i < options.length(); i++) {
            char c = options.charAt(i);
            if (!escaped && isSpace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (!escaped && c == '\\') {
                escaped = true;
            } else {
                escaped = false;
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static StartupSetting setting(String assignment, String switchName) throws SessionRefusal {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw malformed(switchName + " without name=value");
        }
        return new StartupSetting(assignment.substring(0, equals).replace('-', '_'),
                assignment.substring(equals + 1));
    }

    /** C's isspace in the "C" locale, as pg_split_opts uses it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static SessionRefusal malformed(String what) {
        return new SessionRefusal("08P01", "SLUICE: options contains " + what + "; options may only set parameters "
                + "(-c name=value or --name=value)", "bad-parameter", "options contains " + what);
    }
}
