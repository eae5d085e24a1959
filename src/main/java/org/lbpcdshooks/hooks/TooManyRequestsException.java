package org.lbpcdshooks.hooks;

/** More hook calls are in progress than {@code lbp.max-concurrent-calls}; the client should retry shortly. */
public class TooManyRequestsException extends RuntimeException {

    public TooManyRequestsException() {
        super("The service is busy; retry in a moment");
    }
}
