package org.lbpcdshooks.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lbpcdshooks.FixedClockConfiguration;
import org.lbpcdshooks.LbpCdsHooksApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Hook threads record issued cards concurrently and the one writer stores them, without anyone calling flush():
 * every card must reach the database promptly, also a card recorded after the writer went idle.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        classes = {LbpCdsHooksApplication.class, FixedClockConfiguration.class})
class IssuedCardLogTest {

    @Autowired
    IssuedCardLog log;

    @Autowired
    FeedbackStore store;

    @Test
    void everyCardRecordedFromManyThreadsIsStored() throws InterruptedException {
        var recorded = Collections.synchronizedList(new ArrayList<String>());
        var pool = Executors.newFixedThreadPool(8);
        for (int thread = 0; thread < 8; thread++) {
            pool.execute(() -> {
                for (int i = 0; i < 300; i++) {
                    recorded.add(record());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(missingAfterWaiting(List.copyOf(recorded))).isZero();

        // The writer is idle now: one more card must wake it.
        assertThat(missingAfterWaiting(List.of(record()))).isZero();
    }

    private String record() {
        var card = new IssuedCard(UUID.randomUUID().toString(), "lbp-patient-view", "LBP-RF-01", "critical",
                Instant.parse("2026-11-23T10:00:00Z"), List.of(UUID.randomUUID().toString()),
                List.of(new IssuedCard.OverrideReason("http://lbp-cds-hooks.org/reason", "already-addressed")));
        log.record(List.of(card));
        return card.cardUuid();
    }

    private long missingAfterWaiting(List<String> uuids) throws InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long missing;
        do {
            Thread.sleep(50);
            missing = uuids.stream().filter(uuid -> store.issuedCard(uuid).isEmpty()).count();
        } while (missing > 0 && System.nanoTime() < deadline);
        return missing;
    }
}
