package org.lbpcdshooks.security;

/** A call was not authenticated. The reason goes to metrics only; the client learns nothing but 401. */
public class AuthenticationFailure extends RuntimeException {

    private final String reason;

    public AuthenticationFailure(String reason) {
        super("JWT rejected: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
