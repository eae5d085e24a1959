package org.lbpcdshooks.cards;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered (version 7, RFC 9562) uuids for cards and suggestions: 48 bits of issue time in milliseconds, then 74
 * random bits, which keeps them unguessable as feedback on them requires. Time-ordered because the issued-card log
 * indexes cards by uuid: random (version 4) uuids made every insert land on a random index page, which had to be
 * read back from the file once the log outgrew H2's page cache (~40% of the log writer's CPU after minutes of load);
 * ordered ones land at the index's growing edge. Random bits come from a generator per thread:
 * {@link UUID#randomUUID()} shares one generator behind one lock, which hook threads queued for under load.
 */
final class CardIds {

    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(CardIds::newGenerator);

    String next() {
        var generator = random.get();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (generator.nextInt() & 0x0fffL); // version 7
        long low = (generator.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
