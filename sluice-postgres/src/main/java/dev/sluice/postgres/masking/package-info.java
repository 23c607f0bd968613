/**
 * PostgreSQL wire-level masking: makes the core's per-column decisions executable on every message that carries
 * data to the client, in text and binary format, one row at a time, failing closed. This package decides nothing
 * about <em>what</em> to mask; the core does, from policy and lineage.
 *
 * <h2>Vocabulary</h2>
 * <ul>
 *   <li>{@link dev.sluice.postgres.masking.Column}: a result column's type OID and wire format (plus name, table OID
 *       and attribute number where RowDescription gives them, for lineage).</li>
 *   <li>{@link dev.sluice.postgres.masking.ColumnAction}: {@code Pass}, {@code Rewrite(fn, keepsType)},
 *       {@code ToNull}, {@code Refuse(reason)}; plus the content net, one {@code UnaryOperator<String>} applied to
 *       every text-like value after the column's action.</li>
 *   <li>{@link dev.sluice.postgres.masking.PgTypes}/{@link dev.sluice.postgres.masking.PgType} and
 *       {@link dev.sluice.postgres.masking.BinaryValues}: the types the codec reads, their canonical text and binary
 *       forms.</li>
 * </ul>
 *
 * <h2>Where it runs</h2>
 * {@link dev.sluice.postgres.masking.RowRewriter} (DataRow), {@link dev.sluice.postgres.masking.CopyOutRewriter}
 * (CopyData of COPY TO STDOUT: text, CSV, binary), {@link dev.sluice.postgres.masking.MessageScrubber}
 * (ErrorResponse, NoticeResponse, NotificationResponse), tied together per session by
 * {@link dev.sluice.postgres.masking.MaskingFilter}, a {@code ClientBoundFilter}.
 *
 * <h2>Fail closed, everywhere</h2>
 * <table>
 *   <caption>What happens to a value the gateway cannot mask faithfully</caption>
 *   <tr><th>Situation</th><th>Result</th></tr>
 *   <tr><td>Binary value of an opaque type (domain, enum, composite, extension type, or a COPY column of unknown
 *       type) under a Rewrite or the net</td><td>NULL</td></tr>
 *   <tr><td>bytea under a Rewrite</td><td>NULL</td></tr>
 *   <tr><td>Malformed binary value (wrong length, bad array header, unknown jsonb version) under a Rewrite or
 *       the net</td><td>NULL</td></tr>
 *   <tr><td>Rewrite output not of the column's type ({@code keepsType == false}), where the row description was
 *       already sent</td><td>NULL (announced as {@code text} instead where it was not yet sent)</td></tr>
 *   <tr><td>Rewrite output that does not parse as the type / cannot be encoded (an int column masked to
 *       {@code ***})</td><td>NULL; for an array, that element NULL</td></tr>
 *   <tr><td>Rows with no RowDescription in the stream (undescribed portal, rows after PortalSuspended, statement
 *       Describe whose formats are unknown)</td><td>every value NULL</td></tr>
 *   <tr><td>FunctionCallResponse under a plan that masks</td><td>NULL result</td></tr>
 *   <tr><td>A column action {@code Refuse}; a decision that fails or does not match the columns; a mask function or
 *       the net throwing; a malformed row; a COPY row over the buffer bound or COPY data ending inside a
 *       row</td><td>the result is refused: ErrorResponse 42501, the rest up to ReadyForQuery dropped</td></tr>
 *   <tr><td>A NoticeResponse or NotificationResponse that cannot be parsed</td><td>dropped</td></tr>
 *   <tr><td>An ErrorResponse that cannot be parsed</td><td>replaced by a generic error</td></tr>
 * </table>
 */
package dev.sluice.postgres.masking;
