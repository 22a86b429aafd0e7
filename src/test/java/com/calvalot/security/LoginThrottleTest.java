package com.calvalot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.calvalot.security.LoginThrottle.Lane;
import com.calvalot.support.MutableClock;

/** Les règles du compteur de mauvais mots de passe, sur une horloge tenue à la main. */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void addressesAreGroupedBySlash24AndSlash64() {
        assertEquals("192.168.1.0/24", AddressGroup.of("192.168.1.37"));
        assertEquals("192.168.1.0/24", AddressGroup.of("::ffff:192.168.1.200"));
        assertEquals("2001:db8:1:2::/64", AddressGroup.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:1:2::/64", AddressGroup.of("[2001:0db8:0001:0002::1]"));
        assertEquals("fe80:0:0:0::/64", AddressGroup.of("fe80::1%eth0"));
        // jamais de DNS : un nom reste lui-même
        assertEquals("unknown", AddressGroup.of("unknown"));
        assertEquals("evil.example", AddressGroup.of("evil.example"));
    }

    @Test
    void manyAddressesOfOneNetworkShareItsFailuresButNeverLockOutAnAddressThatDidNotFail() {
        Decision owner = begin("10.0.0.1");
        assertEquals(Lane.FRESH, owner.lane());
        throttle.succeeded("10.0.0.1");

        // cent adresses du même /24, chacune un mauvais mot de passe : sa première fois dans la voie
        // des adresses neuves, puis dans celle des suspects
        for (int i = 100; i < 200; i++) {
            assertEquals(Lane.FRESH, begin("10.0.0." + i).lane());
            throttle.failed("10.0.0." + i, "mallory");
        }
        // chacune n'a échoué qu'une fois, mais le réseau cent : il est verrouillé pour celles qui ont échoué
        LoginThrottle.Decision again = throttle.begin("10.0.0.150");
        assertFalse(again.allowed());
        assertEquals("too many wrong passwords from this network; try again later", again.message());
        assertEquals(LoginThrottle.LOCKOUT.toSeconds(), again.retryAfterSeconds());

        // le propriétaire : son adresse connue, et un nouveau téléphone du même réseau, passent
        assertEquals(Lane.KNOWN, begin("10.0.0.1").lane());
        throttle.succeeded("10.0.0.1");
        assertEquals(Lane.FRESH, begin("10.0.0.7").lane());
        throttle.succeeded("10.0.0.7");
        // un autre réseau n'en sait rien
        assertEquals(Lane.FRESH, begin("10.0.1.100").lane());
        throttle.abandoned("10.0.1.100");
        assertEquals(Lane.FRESH, begin("10.0.0.8").lane());
        throttle.abandoned("10.0.0.8");

        // qui insiste pendant le verrou reste en mémoire : à sa fin, il n'est pas redevenu une adresse neuve
        clock.advance(Duration.ofMinutes(10));
        assertFalse(throttle.begin("10.0.0.150").allowed());
        clock.advance(Duration.ofMinutes(6));
        assertEquals(Lane.SUSPECT, begin("10.0.0.150").lane());
        throttle.abandoned("10.0.0.150");
        // quinze minutes de silence, et tout est oublié
        clock.advance(LoginThrottle.LOCKOUT.plusSeconds(1));
        assertEquals(Lane.FRESH, begin("10.0.0.150").lane());
    }

    @Test
    void theNetworkSlowsDownItsFailedAddressesAfterTenFailures() {
        for (int i = 1; i <= LoginThrottle.GROUP_FREE_FAILURES; i++) {
            assertTrue(throttle.begin("10.0.0." + i).allowed());
            throttle.failed("10.0.0." + i, "mallory");
        }
        LoginThrottle.Decision slowed = throttle.begin("10.0.0.1");
        assertFalse(slowed.allowed());
        assertEquals(1, slowed.retryAfterSeconds());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Lane.SUSPECT, begin("10.0.0.1").lane());
        throttle.failed("10.0.0.1", "mallory");
        assertEquals(2, throttle.begin("10.0.0.2").retryAfterSeconds());
    }

    @Test
    void anAddressKeepsItsOwnFiveFreeTriesThenWaitsThenIsLockedOut() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertTrue(throttle.begin("192.168.1.9").allowed());
            throttle.failed("192.168.1.9", "admin");
        }
        LoginThrottle.Decision slowed = throttle.begin("192.168.1.9");
        assertEquals("too many wrong passwords from this address; try again later", slowed.message());
        assertEquals(1, slowed.retryAfterSeconds());
        // une adresse connue qui échoue elle-même est ralentie comme une autre
        assertEquals(Lane.FRESH, begin("192.168.2.1").lane());
        throttle.succeeded("192.168.2.1");
        for (int i = 0; i < LoginThrottle.LOCKOUT_FAILURES; i++) {
            clock.advance(LoginThrottle.MAX_BACKOFF);
            assertEquals(Lane.KNOWN, begin("192.168.2.1").lane());
            throttle.failed("192.168.2.1", "admin");
        }
        assertEquals(LoginThrottle.LOCKOUT.toSeconds(), throttle.begin("192.168.2.1").retryAfterSeconds());
    }

    @Test
    void oneCheckAtATimePerAddress() {
        assertEquals(Lane.FRESH, begin("2001:db8::1").lane());
        LoginThrottle.Decision twice = throttle.begin("2001:db8::1");
        assertFalse(twice.allowed(), "the same address twice");
        assertEquals(1, twice.retryAfterSeconds());
        assertEquals(Lane.FRESH, begin("2001:db8::2").lane());
        assertEquals("2001:db8:0:0::/64", throttle.begin("2001:db8::3").network());
        throttle.failed("2001:db8::1", "mallory");
        assertEquals(Lane.SUSPECT, begin("2001:db8::1").lane());
    }

    @Test
    void theHashingThreadServesKnownThenFreshThenSuspectAndNetworksTakeTurns() throws Exception {
        HashingLanes lanes = new HashingLanes();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        assertTrue(lanes.offer(Lane.SUSPECT, "10.0.0.0/24", () -> {
            running.countDown();
            await(release);
        }));
        assertTrue(running.await(5, TimeUnit.SECONDS));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<String> offered = List.of("SUSPECT 10.0.0.0/24", "SUSPECT 10.0.1.0/24", "FRESH 10.0.0.0/24 a",
                "FRESH 10.0.0.0/24 b", "FRESH 10.0.0.0/24 c", "KNOWN 10.0.0.0/24", "FRESH 10.0.9.0/24");
        CountDownLatch done = new CountDownLatch(offered.size());
        for (String check : offered) {
            String[] parts = check.split(" ");
            assertTrue(lanes.offer(Lane.valueOf(parts[0]), parts[1], () -> {
                order.add(check);
                done.countDown();
            }), check);
        }
        // la voie des suspects a deux places, toutes prises
        assertFalse(lanes.offer(Lane.SUSPECT, "10.0.2.0/24", () -> { }));
        // un réseau n'a que seize places dans une voie
        int placed = 0;
        while (lanes.offer(Lane.FRESH, "10.0.5.0/24", () -> { })) {
            placed++;
        }
        assertEquals(HashingLanes.PLACES_PER_NETWORK, placed);
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        // le réseau 10.0.9.0/24, arrivé après trois essais de 10.0.0.0/24, passe après le premier d'entre eux
        assertEquals(List.of("KNOWN 10.0.0.0/24", "FRESH 10.0.0.0/24 a", "FRESH 10.0.9.0/24", "FRESH 10.0.0.0/24 b",
                "FRESH 10.0.0.0/24 c", "SUSPECT 10.0.0.0/24", "SUSPECT 10.0.1.0/24"), order);
    }

    private record Decision(Lane lane) {
    }

    private Decision begin(String address) {
        LoginThrottle.Decision decision = throttle.begin(address);
        assertTrue(decision.allowed(), address + ": " + decision);
        assertNull(decision.message());
        return new Decision(decision.lane());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
