package org.lbpcdshooks.prefetch;

/** A prefetch value or draft order is not valid FHIR R4 JSON. */
public class InvalidPrefetchException extends RuntimeException {

    public InvalidPrefetchException(String message) {
        super(message);
    }
}
