package dev.sluice.core.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A location inside a JSON document, in a small subset of JSONPath (RFC 9535) that covers how PHI sits in
 * documents and can be evaluated in one walk without any expression engine:
 * <pre>
 *   $                 the whole document
 *   .name             a member (letters, digits, _, - and $; anything else in brackets)
 *   ['any name']      a member with any characters ("…" works too; \' \" \\ escape)
 *   [3]               an array element, counted from 0
 *   [*] or .*         every element of an array, or every member of an object
 *   ..name            the member at any depth below ($..ssn: every "ssn" anywhere)
 * </pre>
 * Examples: {@code $.insurance.member_id}, {@code $.contacts[*].phone}, {@code $..ssn}. Not supported: filters
 * ({@code ?(…)}), slices ({@code [0:2]}), unions ({@code [a,b]}), negative indices, functions, {@code ..*} (use a
 * whole-column rule). Member names match exactly (JSON is case-sensitive).
 */
public final class JsonPath {

    /** One step of a path. */
    sealed interface Segment {
        record Member(String name) implements Segment {
        }

        record Index(int index) implements Segment {
        }

        record Wildcard() implements Segment {
        }

        record Descendant(String name) implements Segment {
        }
    }

    private static final int MAX_LENGTH = 1024;

    private final String text;
    private final List<Segment> segments;

    private JsonPath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /**
     * @throws IllegalArgumentException with a message that can be shown to the user (it says where the path is
     *                                  wrong and what is supported)
     */
    public static JsonPath parse(String path) {
        Objects.requireNonNull(path, "path");
        String text = path.strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the JSON path is longer than " + MAX_LENGTH + " characters");
        }
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path starts with '$' (e.g. $.insurance.member_id)");
        }
        return new Parser(text).parse();
    }

    List<Segment> segments() {
        return segments;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPath other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static final class Parser {
        private final String text;
        private int at = 1; // after '$'
        private final List<Segment> segments = new ArrayList<>();

        Parser(String text) {
            this.text = text;
        }

        JsonPath parse() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (text.startsWith("..", at)) {
                    at += 2;
                    if (at < text.length() && text.charAt(at) == '*') {
                        throw error("'..*' is not supported: mask the whole column instead");
                    }
                    if (at < text.length() && text.charAt(at) == '[') {
                        throw error("'..[' is not supported: write ..name");
                    }
                    segments.add(new Segment.Descendant(name()));
                } else if (c == '.') {
                    at++;
                    if (at < text.length() && text.charAt(at) == '*') {
                        at++;
                        segments.add(new Segment.Wildcard());
                    } else {
                        segments.add(new Segment.Member(name()));
                    }
                } else if (c == '[') {
                    at++;
                    segments.add(bracket());
                } else {
                    throw error("expected '.', '..' or '['");
                }
            }
            return new JsonPath(text, segments);
        }

        private String name() {
            int start = at;
            while (at < text.length() && isNameChar(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw error("expected a member name (other characters go in brackets: ['name'])");
            }
            return text.substring(start, at);
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$';
        }

        private Segment bracket() {
            if (at >= text.length()) {
                throw error("unclosed '['");
            }
            char c = text.charAt(at);
            Segment segment;
            if (c == '*') {
                at++;
                segment = new Segment.Wildcard();
            } else if (c == '\'' || c == '"') {
                segment = new Segment.Member(quoted(c));
            } else if (c >= '0' && c <= '9') {
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                String digits = text.substring(start, at);
                if (digits.length() > 9) {
                    throw error("array index too large");
                }
                segment = new Segment.Index(Integer.parseInt(digits));
            } else {
                throw error("expected [*], [n] or ['name'] (filters, slices, unions and negative indices are not supported)");
            }
            if (at >= text.length() || text.charAt(at) != ']') {
                throw error("expected ']' (filters, slices and unions are not supported)");
            }
            at++;
            return segment;
        }

        private String quoted(char quote) {
            StringBuilder name = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == quote) {
                    return name.toString();
                }
                if (c == '\\' && at < text.length()) {
                    name.append(text.charAt(at++));
                } else {
                    name.append(c);
                }
            }
            throw error("unclosed quoted name");
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("JSON path '" + text + "', at character " + (at + 1) + ": " + problem);
        }
    }
}
