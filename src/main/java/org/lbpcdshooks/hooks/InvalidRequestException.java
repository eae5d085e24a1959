package org.lbpcdshooks.hooks;

/** The hook request breaks the CDS Hooks 2.0 request rules; answered with 400 and the reason. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
