package dev.sluice.postgres.masking;

import java.util.List;
import java.util.Objects;

/**
 * What the caller knows about a {@code COPY … TO STDOUT} that its CopyOutResponse does not say: text or CSV and their
 * options (from the statement), and the copied columns' types where known (CopyOutResponse gives only formats).
 *
 * @param textFormat  the layout of a textual COPY; ignored when the COPY is binary
 * @param columnTypes type OIDs of the copied columns, or empty when unknown (binary values of unknown type are
 *                    opaque: NULL under a rewrite or the net)
 */
public record CopyDescription(CopyFormat textFormat, List<Integer> columnTypes) {

    /** Text format with its defaults; column types unknown. */
    public static final CopyDescription UNKNOWN = new CopyDescription(CopyFormat.text(), List.of());

    public CopyDescription {
        Objects.requireNonNull(textFormat, "textFormat");
        columnTypes = List.copyOf(columnTypes);
    }
}
