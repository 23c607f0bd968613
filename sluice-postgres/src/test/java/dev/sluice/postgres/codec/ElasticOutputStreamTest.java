package dev.sluice.postgres.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticOutputStreamTest {

    /** Records the size of every write that reaches the "socket". */
    private static final class CountingSink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();

        @Override
        public void write(int b) {
            writes.add(1);
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
        }
    }

    @Test
    void nothingLeavesBeforeFlushAndABatchLeavesInOneWrite() throws IOException {
        CountingSink sink = new CountingSink();
        ElasticOutputStream out = new ElasticOutputStream(sink, 16, 4096);
        for (int i = 0; i < 100; i++) {
            out.write(new byte[] {1, 2, 3, 4, 5, 6, 7});
        }
        assertThat(sink.writes).isEmpty();
        assertThat(out.buffered()).isEqualTo(700);
        out.flush();
        assertThat(sink.writes).containsExactly(700);
    }

    @Test
    void aBatchLargerThanTheMaximumLeavesInMaximumSizedWritesAndIsIntact() throws IOException {
        CountingSink sink = new CountingSink();
        ElasticOutputStream out = new ElasticOutputStream(sink, 16, 1024);
        byte[] data = new byte[50_000];
        new Random(7).nextBytes(data);
        for (int at = 0; at < data.length; at += 100) {
            out.write(data, at, Math.min(100, data.length - at));
        }
        out.flush();
        assertThat(sink.bytes.toByteArray()).isEqualTo(data);
        assertThat(sink.writes).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1024));
        assertThat(sink.writes.size()).isLessThanOrEqualTo(50_000 / 1000 + 1);
    }

    @Test
    void aWriteLargerThanTheMaximumIsWrittenThroughAfterWhatWasQueued() throws IOException {
        CountingSink sink = new CountingSink();
        ElasticOutputStream out = new ElasticOutputStream(sink, 16, 64);
        out.write(new byte[] {9});
        byte[] large = new byte[1000];
        large[999] = 42;
        out.write(large);
        out.flush();
        byte[] written = sink.bytes.toByteArray();
        assertThat(written).hasSize(1001);
        assertThat(written[0]).isEqualTo((byte) 9);
        assertThat(written[1000]).isEqualTo((byte) 42);
    }

    @Test
    void growsForABigBatchAndReturnsToTheMinimumAfterASmallOne() throws IOException {
        ElasticOutputStream out = new ElasticOutputStream(OutputStream.nullOutputStream(), 16, 4096);
        out.write(new byte[3000]);
        assertThat(out.capacity()).isEqualTo(4096);
        out.flush();
        assertThat(out.capacity()).as("a large batch may come again").isEqualTo(4096);
        out.write(new byte[10]);
        out.flush();
        assertThat(out.capacity()).isEqualTo(16);
    }

    @Test
    void headerIsTypeAndLengthIncludingItself() throws IOException {
        CountingSink sink = new CountingSink();
        ElasticOutputStream out = new ElasticOutputStream(sink, 8, 8);
        out.write(new byte[] {1, 2, 3, 4, 5, 6}); // leaves too little room: the header forces a write first
        out.writeHeader((byte) 'D', 300);
        out.flush();
        byte[] written = sink.bytes.toByteArray();
        assertThat(written).hasSize(11);
        assertThat(java.util.Arrays.copyOfRange(written, 6, 11)).containsExactly('D', 0, 0, 1, 48);
    }
}
