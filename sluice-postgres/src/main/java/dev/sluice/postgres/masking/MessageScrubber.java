package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.NoticeResponse;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the content net over the server's texts that can echo data: ErrorResponse and NoticeResponse fields, and
 * NotificationResponse payloads. A frame is rebuilt only when the net changed something.
 *
 * <p>Error and notice fields scrubbed ({@link #ECHOING_FIELDS}): message (M: {@code invalid input syntax for type
 * integer: "123-45-6789"}), detail (D: {@code Key (ssn)=(…) already exists}, the failing row of a constraint), hint
 * (H), where (W: PL/pgSQL context, which quotes {@code RAISE} arguments and {@code EXECUTE}d SQL text) and internal
 * query (q: SQL a function generated, literals and all). Left alone: severity, SQLSTATE, positions, source file,
 * line and routine, and the schema, table, column, data type and constraint names, which are identifiers, not data.
 *
 * <p>Errors and notices of SQLSTATE class 22 (data exception: {@code invalid input syntax for type uuid:
 * "Quaintance"}) and 23 (integrity constraint violation: {@code Key (mrn)=(A-1042) already exists}, {@code Failing
 * row contains (…)}) quote the offending value itself, and a bare surname or an ID is nothing the content net can
 * recognise. So in those classes, before the net runs, the quoted values are replaced by {@value #WITHHELD} whatever
 * they look like ({@link #withholdValues}): in the message and detail, everything from the first to the last double
 * quote (a value may itself contain a quote, so the quotes cannot be paired); in the detail, also the value list of
 * {@code (columns)=(values)} or, without one, everything from the first to the last parenthesis (the failing row).
 * Identifiers quoted there go too; the schema, table, column and constraint fields still name them.
 *
 * <p>Of a notification only the payload is scrubbed: a client receives a notification only on a channel it named
 * in its own LISTEN, so the channel tells it nothing it did not send, and changing it would break its dispatch.
 *
 * <p>A NoticeResponse or NotificationResponse that cannot be parsed is dropped (its text cannot be checked); an
 * ErrorResponse that cannot be parsed is replaced by a generic error, since the client must still see one.
 */
public final class MessageScrubber {

    public static final char NOTIFICATION_RESPONSE = 'A';

    /** The error/notice field codes whose text can quote values. */
    public static final String ECHOING_FIELDS = "MDHWq";

    /** What replaces a value a class 22 or 23 error quotes. */
    public static final String WITHHELD = "***";

    private static final Pattern QUOTED = Pattern.compile("(?s)\".*\"");
    private static final Pattern KEY_VALUES = Pattern.compile("(?s)\\)=\\(.*\\)");
    private static final Pattern PARENTHESISED = Pattern.compile("(?s)\\(.*\\)");

    private final UnaryOperator<String> net;

    public MessageScrubber(UnaryOperator<String> net) {
        this.net = Objects.requireNonNull(net, "net");
    }

    /**
     * @param charset the client encoding the texts travel in
     * @return the frame to send: the same one when nothing changed, {@code null} to drop it
     */
    public PgFrame scrub(PgFrame frame, Charset charset) {
        return switch (frame.typeChar()) {
            case ErrorResponse.TYPE, NoticeResponse.TYPE -> errorOrNotice(frame);
            case NOTIFICATION_RESPONSE -> notification(frame, charset);
            default -> frame;
        };
    }

    private PgFrame errorOrNotice(PgFrame frame) {
        ErrorFields fields;
        try {
            fields = ErrorFields.decode(frame.body());
        } catch (PgProtocolException e) {
            return unreadable(frame);
        }
        Map<Character, String> scrubbed = null;
        boolean quotesValues = quotesValues(fields.fields().get(ErrorFields.SQLSTATE));
        for (Map.Entry<Character, String> field : fields.fields().entrySet()) {
            if (ECHOING_FIELDS.indexOf(field.getKey()) < 0) {
                continue;
            }
            String before = field.getValue();
            String after = apply(quotesValues ? withholdValues(field.getKey(), before) : before);
            if (after != before && !after.equals(before)) {
                if (scrubbed == null) {
                    scrubbed = new LinkedHashMap<>(fields.fields());
                }
                scrubbed.put(field.getKey(), after.replace('\0', ' '));
            }
        }
        if (scrubbed == null) {
            return frame;
        }
        return frameOf(new ErrorFields(scrubbed).encode(frame.typeChar()));
    }

    /** Whether errors of this SQLSTATE quote the offending value: classes 22 and 23, or no SQLSTATE at all. */
    private static boolean quotesValues(String sqlState) {
        return sqlState == null || sqlState.startsWith("22") || sqlState.startsWith("23");
    }

    /** The message or detail of a class 22 or 23 error with the values it quotes replaced; other fields as they are. */
    static String withholdValues(char code, String text) {
        String out = text;
        if (code == ErrorFields.DETAIL) {
            // Values first: one may hold a double quote, which must not pair with a quote outside it.
            Matcher keyValues = KEY_VALUES.matcher(out);
            out = keyValues.find() ? keyValues.replaceFirst(Matcher.quoteReplacement(")=(" + WITHHELD + ")"))
                    : PARENTHESISED.matcher(out).replaceFirst(Matcher.quoteReplacement("(" + WITHHELD + ")"));
        }
        if (code == ErrorFields.MESSAGE || code == ErrorFields.DETAIL) {
            out = QUOTED.matcher(out).replaceFirst(Matcher.quoteReplacement("\"" + WITHHELD + "\""));
        }
        return out;
    }

    private PgFrame notification(PgFrame frame, Charset charset) {
        byte[] body = frame.body();
        int channelEnd = indexOfZero(body, 4);
        int payloadEnd = channelEnd < 0 ? -1 : indexOfZero(body, channelEnd + 1);
        if (body.length < 4 || payloadEnd != body.length - 1) {
            return null;
        }
        String payload = new String(body, channelEnd + 1, payloadEnd - channelEnd - 1, charset);
        String after = apply(payload);
        if (after == payload || after.equals(payload)) {
            return frame;
        }
        byte[] scrubbed = after.replace('\0', ' ').getBytes(charset);
        byte[] out = new byte[channelEnd + 1 + scrubbed.length + 1];
        System.arraycopy(body, 0, out, 0, channelEnd + 1);
        System.arraycopy(scrubbed, 0, out, channelEnd + 1, scrubbed.length);
        return new PgFrame(frame.type(), out);
    }

    /**
     * The net is the gateway's own code; should it fail on a text, the text is withheld rather than sent unchecked.
     */
    private String apply(String text) {
        try {
            String out = net.apply(text);
            return out == null ? "[withheld]" : out;
        } catch (RuntimeException e) {
            return "[withheld: the gateway could not check this text]";
        }
    }

    private static PgFrame unreadable(PgFrame frame) {
        if (frame.typeChar() != ErrorResponse.TYPE) {
            return null;
        }
        return frameOf(ErrorFields.of("ERROR", "XX000",
                "SLUICE: the server's error message could not be read and was withheld").encode(ErrorResponse.TYPE));
    }

    private static int indexOfZero(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A frame from complete message bytes (type, length, body). */
    static PgFrame frameOf(byte[] message) {
        return new PgFrame(message[0], Arrays.copyOfRange(message, 5, message.length));
    }
}
