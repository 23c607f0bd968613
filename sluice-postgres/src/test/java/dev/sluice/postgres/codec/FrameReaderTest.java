package dev.sluice.postgres.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameReaderTest {

    private static FrameReader reader(byte[] bytes, int max) {
        return new FrameReader(new ByteArrayInputStream(bytes), max);
    }

    @Test
    void readsConsecutiveTypedFrames() throws IOException {
        FrameReader frames = reader(of('Z', int32(5), 'I', 'S', int32(4)), 100);
        PgFrame ready = frames.read();
        assertThat(ready.typeChar()).isEqualTo('Z');
        assertThat(ready.body()).containsExactly('I');
        PgFrame sync = frames.read();
        assertThat(sync.typeChar()).isEqualTo('S');
        assertThat(sync.body()).isEmpty();
        assertThat(frames.read()).isNull();
    }

    @Test
    void cleanEndOfStreamIsNull() throws IOException {
        assertThat(reader(new byte[0], 100).read()).isNull();
        assertThat(reader(new byte[0], 100).readUntyped()).isNull();
    }

    @Test
    void endOfStreamInsideTheLengthIsTruncation() {
        assertThatThrownBy(() -> reader(of('Q', 0, 0), 100).read())
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("truncated in its length field");
    }

    @Test
    void endOfStreamInsideTheBodyIsTruncation() {
        assertThatThrownBy(() -> reader(of('Q', int32(10), "abc"), 100).read())
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("expected 6 body bytes");
    }

    @Test
    void lengthBelowFourIsAViolation() {
        assertThatThrownBy(() -> reader(of('Q', int32(3)), 100).read())
                .isInstanceOf(PgProtocolException.class)
                .satisfies(e -> assertThat(((PgProtocolException) e).sqlState()).isEqualTo("08P01"));
    }

    @Test
    void negativeLengthIsAViolationNotAnAllocation() {
        assertThatThrownBy(() -> reader(of('Q', int32(-8)), 100).read())
                .isInstanceOf(PgProtocolException.class)
                .satisfies(e -> assertThat(((PgProtocolException) e).sqlState()).isEqualTo("08P01"));
    }

    @Test
    void oversizedFrameIsRefusedWith54000BeforeReadingItsBody() {
        assertThatThrownBy(() -> reader(of('Q', int32(Integer.MAX_VALUE)), 1024).read())
                .isInstanceOf(PgProtocolException.class)
                .satisfies(e -> assertThat(((PgProtocolException) e).sqlState()).isEqualTo("54000"));
    }

    @Test
    void frameOfExactlyTheLimitIsAccepted() throws IOException {
        assertThat(reader(of('d', int32(4 + 3), "abc"), 3).read().body()).hasSize(3);
    }

    @Test
    void typeZeroIsAViolation() {
        assertThatThrownBy(() -> reader(of(0, int32(4)), 100).read()).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void readsAnUntypedStartupFrame() throws IOException {
        PgFrame frame = reader(of(int32(8), int32(80877103)), 100).readUntyped();
        assertThat(frame.type()).isEqualTo(PgFrame.UNTYPED);
        assertThat(frame.body()).isEqualTo(int32(80877103));
        assertThat(frame.wireSize()).isEqualTo(8);
    }

    @Test
    void untypedFrameTruncatedInItsLengthIsAViolation() {
        assertThatThrownBy(() -> reader(of(0, 0), 100).readUntyped()).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void frameToStringShowsTypeAndSizeOnly() throws IOException {
        PgFrame frame = reader(of('p', int32(4 + 7), "secret", 0), 100).read();
        assertThat(frame.toString()).isEqualTo("PgFrame['p', 7 bytes]").doesNotContain("secret");
    }

    @Test
    void nextFrameBufferedOnlyWhenTheWholeFrameIsHere() throws IOException {
        byte[] two = of('Z', int32(5), 'I', 'D', int32(10), "abcdef");
        // the source hands out the first frame and the start of the second, then the rest
        ByteArrayInputStream source = new ByteArrayInputStream(two) {
            private int reads;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, reads++ == 0 ? 9 : len));
            }
        };
        FrameReader frames = new FrameReader(new ElasticInputStream(source, 64, 64), 100);
        assertThat(frames.nextFrameBuffered()).as("nothing read yet").isFalse();
        assertThat(frames.read().typeChar()).isEqualTo('Z');
        assertThat(frames.nextFrameBuffered()).as("only 3 bytes of the next frame are here").isFalse();
        assertThat(frames.read().body()).hasSize(6);
        assertThat(frames.read()).isNull();
    }

    @Test
    void nextFrameBufferedWhenABatchArrivedTogether() throws IOException {
        FrameReader frames = new FrameReader(
                new ElasticInputStream(new ByteArrayInputStream(of('1', int32(4), '2', int32(4), 'Z', int32(5), 'I')),
                        64, 64), 100);
        assertThat(frames.read().typeChar()).isEqualTo('1');
        assertThat(frames.nextFrameBuffered()).isTrue();
        assertThat(frames.read().typeChar()).isEqualTo('2');
        assertThat(frames.nextFrameBuffered()).isTrue();
        assertThat(frames.read().typeChar()).isEqualTo('Z');
        assertThat(frames.nextFrameBuffered()).isFalse();
    }

    @Test
    void nextFrameBufferedIsFalseOverAPlainStream() throws IOException {
        FrameReader frames = reader(of('1', int32(4), '2', int32(4)), 100);
        frames.read();
        assertThat(frames.nextFrameBuffered()).isFalse();
    }
}
