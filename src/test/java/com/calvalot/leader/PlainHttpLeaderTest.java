package com.calvalot.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Un leader en http:// n'est signalé que hors d'un réseau privé ; aucune résolution DNS. */
class PlainHttpLeaderTest {

    @ParameterizedTest
    @CsvSource({
        "http://leader.example.com, true",
        "http://203.0.113.7:8080, true",
        "http://[2001:db8::1]:8080, true",
        "https://leader.example.com, false",
        "http://cashalot:8080, false",
        "http://192.168.1.10:8080, false",
        "http://10.0.0.2, false",
        "http://172.16.5.4, false",
        "http://127.0.0.1:9, false",
        "http://[fd12::1]:80, false",
        "http://leader.lan, false",
        "http://nas.local:8080, false",
        "http://localhost:8080, false",
    })
    void onlyAPlainLeaderOutsideAPrivateNetworkIsFlagged(String url, boolean flagged) {
        assertEquals(flagged, PlainHttpLeader.isPlainAndPublic(url), url);
    }
}
