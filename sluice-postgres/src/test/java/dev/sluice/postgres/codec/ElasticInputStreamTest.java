package dev.sluice.postgres.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticInputStreamTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A source that hands out at most {@code chunk} bytes per read, like a socket receiving segments. */
    private static InputStream chunked(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void returnsEveryByteInOrderWhateverTheReadSizes() throws IOException {
        byte[] data = random(100_000);
        ElasticInputStream in = new ElasticInputStream(chunked(data, 3000), 16, 1024);
        byte[] copy = new byte[data.length];
        int at = 0;
        int step = 1;
        while (at < data.length) {
            if (step % 3 == 0) {
                copy[at++] = (byte) in.read();
            } else {
                int n = in.read(copy, at, Math.min(step * 37, data.length - at));
                assertThat(n).isPositive();
                at += n;
            }
            step++;
        }
        assertThat(copy).isEqualTo(data);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void growsWhileReadsFillItAndShrinksBackWhenTheyComeSmall() throws IOException {
        byte[] big = random(64 * 1024);
        ElasticInputStream in = new ElasticInputStream(new ByteArrayInputStream(big), 64, 4096);
        assertThat(in.capacity()).isEqualTo(64);
        for (int i = 0; i < big.length; i++) {
            in.read();
        }
        assertThat(in.capacity()).as("a stream of full reads grows the buffer to its maximum").isEqualTo(4096);

        ElasticInputStream quiet = new ElasticInputStream(chunked(random(4096), 5), 64, 4096);
        for (int i = 0; i < 4096; i++) {
            quiet.read();
        }
        assertThat(quiet.capacity()).isEqualTo(64);
    }

    @Test
    void shrinksToTheMinimumAfterABurst() throws IOException {
        byte[] data = random(100_000);
        // a burst read in full chunks, then small messages
        InputStream source = new ByteArrayInputStream(data) {
            private int reads;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, reads++ < 20 ? len : Math.min(len, 10));
            }
        };
        ElasticInputStream in = new ElasticInputStream(source, 64, 4096);
        for (int i = 0; i < data.length; i++) {
            in.read();
        }
        assertThat(in.capacity()).isEqualTo(64);
    }

    @Test
    void bufferedCountsWhatIsHereWithoutTouchingTheSource() throws IOException {
        ElasticInputStream in = new ElasticInputStream(chunked(random(100), 30), 64, 64);
        assertThat(in.buffered()).isZero();
        in.read();
        assertThat(in.buffered()).isEqualTo(29);
        in.read(new byte[10], 0, 10);
        assertThat(in.buffered()).isEqualTo(19);
        assertThat(in.peek(0)).isEqualTo(random(100)[11] & 0xFF);
    }

    @Test
    void aReadLargerThanTheBufferGoesStraightToTheSource() throws IOException {
        byte[] data = random(10_000);
        ElasticInputStream in = new ElasticInputStream(new ByteArrayInputStream(data), 64, 64);
        byte[] body = new byte[10_000];
        assertThat(in.read(body, 0, body.length)).isEqualTo(10_000);
        assertThat(body).isEqualTo(data);
        assertThat(in.buffered()).isZero();
    }
}
