package org.lbpcdshooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CardIdsTest {

    private final CardIds ids = new CardIds();

    @Test
    void idsAreVersionSevenUuids() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            var id = ids.next();
            var uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAndCarryTheIssueTime() throws InterruptedException {
        var before = System.currentTimeMillis();
        var first = ids.next();
        Thread.sleep(3);
        var second = ids.next();

        assertThat(first).isLessThan(second);
        var issuedAt = UUID.fromString(first).getMostSignificantBits() >>> 16;
        assertThat(issuedAt).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void threadsDrawDistinctIds() throws InterruptedException {
        var seen = ConcurrentHashMap.<String>newKeySet();
        var pool = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            pool.execute(() -> {
                for (int i = 0; i < 2_000; i++) {
                    seen.add(ids.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(16_000);
    }
}
