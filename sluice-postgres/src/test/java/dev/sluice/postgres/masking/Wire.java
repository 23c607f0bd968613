package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds and reads backend messages for tests, byte for byte. */
final class Wire {

    private Wire() {
    }

    /** A DataRow; each value is bytes, a String (UTF-8) or null. */
    static PgFrame dataRow(Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int16(out, values.length);
        for (Object value : values) {
            if (value == null) {
                int32(out, -1);
            } else {
                byte[] bytes = value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
                int32(out, bytes.length);
                out.writeBytes(bytes);
            }
        }
        return new PgFrame((byte) 'D', out.toByteArray());
    }

    /** The values of a DataRow, null for NULL. */
    static List<byte[]> values(PgFrame dataRow) {
        byte[] body = dataRow.body();
        int count = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        List<byte[]> values = new ArrayList<>();
        int pos = 2;
        for (int i = 0; i < count; i++) {
            int len = Bytes.int32(body, pos);
            pos += 4;
            if (len < 0) {
                values.add(null);
            } else {
                byte[] v = new byte[len];
                System.arraycopy(body, pos, v, 0, len);
                values.add(v);
                pos += len;
            }
        }
        return values;
    }

    /** The values of a DataRow as UTF-8 text, null for NULL. */
    static List<String> texts(PgFrame dataRow) {
        List<String> texts = new ArrayList<>();
        for (byte[] v : values(dataRow)) {
            texts.add(v == null ? null : new String(v, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** A RowDescription with the given (typeOid, format) pairs, named c1, c2… */
    static PgFrame rowDescription(int... oidsAndFormats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int16(out, oidsAndFormats.length / 2);
        for (int i = 0; i < oidsAndFormats.length; i += 2) {
            out.writeBytes(("c" + (i / 2 + 1)).getBytes(StandardCharsets.UTF_8));
            out.write(0);
            int32(out, 16384); // table
            int16(out, i / 2 + 1); // attnum
            int32(out, oidsAndFormats[i]);
            int16(out, -1);
            int32(out, -1);
            int16(out, oidsAndFormats[i + 1]);
        }
        return new PgFrame((byte) 'T', out.toByteArray());
    }

    static PgFrame copyOutResponse(boolean binary, int columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(binary ? 1 : 0);
        int16(out, columns);
        for (int i = 0; i < columns; i++) {
            int16(out, binary ? 1 : 0);
        }
        return new PgFrame((byte) 'H', out.toByteArray());
    }

    static PgFrame copyData(byte[] bytes) {
        return new PgFrame((byte) 'd', bytes);
    }

    static PgFrame frame(char type, byte... body) {
        return new PgFrame((byte) type, body);
    }

    static byte[] int4(int v) {
        byte[] b = new byte[4];
        Bytes.putInt32(b, 0, v);
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void int16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    static void int32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
