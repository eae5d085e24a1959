package org.lbpcdshooks.hooks;

/** The request body is larger than {@code lbp.max-request-size}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
