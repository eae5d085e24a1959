package org.lbpcdshooks.feedback;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records issued cards off the request path: hook calls enqueue, one writer thread stores whatever is queued in one
 * transaction, so the database commits a batch per moment instead of one per card. {@link #flush()} waits for
 * everything queued so far, before feedback on a just-issued card is checked.
 */
@Component
public class IssuedCardLog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IssuedCardLog.class);
    private static final int MAX_BATCH = 1_000;
    private static final int MAX_QUEUED = 100_000;
    /**
     * How long a recorded card waits for others to be stored with it: under load one writer wake-up and one
     * transaction per ~30 calls instead of per call (together ~2% of an order-select call's CPU). Feedback does not
     * wait for it ({@link #flush()}), and H2 writes its file only every 500 ms anyway.
     */
    private static final long BATCH_WINDOW_MILLIS = 20;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LinkedBlockingQueue<IssuedCard> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "issued-card-writer");
        thread.setDaemon(true);
        return thread;
    });

    public IssuedCardLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public void record(List<IssuedCard> cards) {
        if (cards.isEmpty()) {
            return;
        }
        for (var card : cards) {
            if (!queue.offer(card)) {
                log.warn("Issued-card queue full; feedback on rule {} cannot be matched", card.ruleId());
            }
        }
        // One pending drain takes everything queued before it starts.
        if (drainPending.compareAndSet(false, true)) {
            writer.schedule(this::drain, BATCH_WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until every card queued before this call is stored. */
    public void flush() {
        try {
            writer.submit(this::drain).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Issued-card log could not be flushed ({})", e.getClass().getSimpleName());
        }
    }

    private void drain() {
        drainPending.set(false); // cards queued from now on schedule the next drain
        var batch = new ArrayList<IssuedCard>();
        while (queue.drainTo(batch, MAX_BATCH) > 0) {
            try {
                transactions.executeWithoutResult(status -> store(batch));
            } catch (RuntimeException e) {
                log.error("Storing {} issued cards failed ({})", batch.size(), e.getClass().getSimpleName());
            }
            batch.clear();
        }
    }

    private void store(List<IssuedCard> batch) {
        jdbc.batchUpdate(
                "INSERT INTO issued_card (card_uuid, service_id, rule_id, indicator, issued_at, suggestion_uuids, "
                        + "override_reasons) VALUES (?, ?, ?, ?, ?, ?, ?)",
                batch,
                batch.size(),
                (statement, card) -> {
                    statement.setString(1, card.cardUuid());
                    statement.setString(2, card.serviceId());
                    statement.setString(3, card.ruleId());
                    statement.setString(4, card.indicator());
                    statement.setTimestamp(5, Timestamp.from(card.issuedAt()));
                    statement.setString(6, IssuedCard.suggestionColumn(card.suggestionUuids()));
                    statement.setString(7, IssuedCard.reasonColumn(card.overrideReasons()));
                });
    }

    @Override
    public void destroy() {
        writer.execute(this::drain);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
