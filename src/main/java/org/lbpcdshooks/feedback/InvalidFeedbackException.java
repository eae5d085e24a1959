package org.lbpcdshooks.feedback;

/** The feedback message is malformed (400). */
public class InvalidFeedbackException extends RuntimeException {

    public InvalidFeedbackException(String message) {
        super(message);
    }
}
