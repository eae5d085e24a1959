package org.lbpcdshooks.feedback;

/** Feedback names a card, suggestion or override reason this service did not issue (422). */
public class UnknownCardException extends RuntimeException {

    public UnknownCardException(String message) {
        super(message);
    }
}
