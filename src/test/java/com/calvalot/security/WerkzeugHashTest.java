package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WerkzeugHashTest {

    /**
     * Fabriqués par Werkzeug 3.1.8 :
     * python3 -c "from werkzeug.security import generate_password_hash as g; print(g('s3cret-pässword', method='pbkdf2:sha256:600000'))"
     */
    static final String WERKZEUG_PBKDF2 = "pbkdf2:sha256:600000$K6rZdg2oepub3ehd$"
            + "38988612715dab55d85f6429917e036cbbaadb15e8945731ba94838ceb397d4e";
    /** python3 -c "from werkzeug.security import generate_password_hash as g; print(g('s3cret-pässword', method='scrypt'))" */
    static final String WERKZEUG_SCRYPT = "scrypt:32768:8:1$i6EnniaHbWPXfmbt$"
            + "47aa9c7b7d217ae832d015a0959e4ecacae2abdd4681d00e814c8821a303c7d5"
            + "e1aa1347ae48b9ebaed72905e245e9ee87a24990c513dbfc2f3e543faa79b9a4";
    static final String PASSWORD = "s3cret-pässword";

    @Test
    void acceptsWerkzeugPbkdf2AndRefusesAnyOtherPassword() {
        WerkzeugHash hash = WerkzeugHash.parse(WERKZEUG_PBKDF2);
        assertTrue(hash.matches(PASSWORD));
        assertFalse(hash.matches("s3cret-password"));
        assertFalse(hash.matches(""));
    }

    @Test
    void aHashCheaperThanWerkzeugsDefaultIsFlaggedWithoutItsSecretParts() {
        WerkzeugHash cheap = WerkzeugHash.parse(HttpSecurityTest.FAST_PBKDF2);
        assertTrue(cheap.cheaperThanDefault());
        assertEquals("pbkdf2 with 1000 iterations", cheap.cost());
        assertFalse(WerkzeugHash.parse(WERKZEUG_SCRYPT).cheaperThanDefault());
        assertFalse(WerkzeugHash.parse(WerkzeugHash.make("a long password 42")).cheaperThanDefault());
        assertTrue(WerkzeugHash.parse("scrypt:1024:8:1$salt$" + "ab".repeat(32)).cheaperThanDefault());
    }

    @Test
    void acceptsWerkzeugScryptAndRefusesAnyOtherPassword() {
        WerkzeugHash hash = WerkzeugHash.parse(WERKZEUG_SCRYPT);
        assertTrue(hash.matches(PASSWORD));
        assertFalse(hash.matches(PASSWORD + " "));
    }

    @Test
    void otherDigestsOfPbkdf2() {
        // python3: hashlib.pbkdf2_hmac("sha512", b"pw", b"s", 1000).hex()
        WerkzeugHash hash = WerkzeugHash.parse("pbkdf2:sha512:1000$s$2c8f2862577457aa2d30bbe6db0958aa334ee1468f05e060ad0aa8"
                + "4019074a8f01b986cdeb6a0cd0d78499e2bc1e0a1246d389181a3b4750819026850e175392");
        assertTrue(hash.matches("pw"));
    }

    /** Les vecteurs de la RFC 7914, section 12. */
    @Test
    void scryptMatchesRfc7914Vectors() {
        assertArrayEquals(hex("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                        + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"),
                Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64));
        assertArrayEquals(hex("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                        + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"),
                Scrypt.derive(bytes("password"), bytes("NaCl"), 1024, 8, 16, 64));
    }

    @Test
    void madeHashesAreWerkzeugPbkdf2AndVerify() {
        String made = WerkzeugHash.make("correct horse");
        assertTrue(made.matches("pbkdf2:sha256:600000\\$[A-Za-z0-9]{16}\\$[0-9a-f]{64}"), made);
        assertTrue(WerkzeugHash.parse(made).matches("correct horse"));
        String quick = WerkzeugHash.make("correct horse", 1000, new java.security.SecureRandom());
        assertFalse(WerkzeugHash.parse(quick).matches("correct horse "));
        assertFalse(quick.equals(WerkzeugHash.make("correct horse", 1000, new java.security.SecureRandom())), "salted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "sha256$salt$abcd", "pbkdf2:md5:1000$s$00112233445566778899aabbccddeeff",
        "pbkdf2:sha256:0$s$00112233445566778899aabbccddeeff", "pbkdf2:sha256:x$s$00112233445566778899aabbccddeeff",
        "pbkdf2:sha256:1000$$00112233445566778899aabbccddeeff", "pbkdf2:sha256:1000$s$zz",
        "scrypt:1000:8:1$s$00112233445566778899aabbccddeeff", "scrypt:1048576:8:1$s$00112233445566778899aabbccddeeff",
        "bcrypt$2b$12$abc"})
    void refusesWhatItCannotRead(String stored) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WerkzeugHash.parse(stored));
        assertFalse(!stored.isEmpty() && e.getMessage().contains(stored), "the message never quotes the hash");
    }

    @Test
    void hashPasswordCommandReadsStdinAndPrintsAHash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HashPasswordCommand.run(null, new ByteArrayInputStream("pässword 1\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(status == 0, err.toString(StandardCharsets.UTF_8));
        assertTrue(WerkzeugHash.parse(out.toString(StandardCharsets.UTF_8).trim()).matches("pässword 1"));
    }

    @Test
    void hashPasswordCommandRefusesAnEmptyPassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = HashPasswordCommand.run(null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(status != 0);
        assertTrue(out.size() == 0);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
