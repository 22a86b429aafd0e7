package com.calvalot.leader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LeaderAnswerReaderTest {

    private static final long FAR = System.nanoTime() + 60_000_000_000L;

    @Test
    void aSmallBodyIsReadWhole() throws Exception {
        byte[] body = "{\"signal_id\":\"s\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(body, LeaderAnswerReader.readCapped(new ByteArrayInputStream(body), FAR));
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWithoutReadingTheRest() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        var refused = assertThrows(LeaderAnswerReader.Refused.class, () -> LeaderAnswerReader.readCapped(endless, FAR));
        assertEquals("error", refused.outcome.status());
    }

    @Test
    void aBodyStillArrivingAfterTheDeadlineIsUnreachable() {
        long past = System.nanoTime() - 1;
        var refused = assertThrows(LeaderAnswerReader.Refused.class,
                () -> LeaderAnswerReader.readCapped(new ByteArrayInputStream(new byte[10]), past));
        assertEquals("unreachable", refused.outcome.status());
    }
}
