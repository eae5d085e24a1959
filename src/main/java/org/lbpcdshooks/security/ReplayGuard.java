package org.lbpcdshooks.security;

import java.time.Instant;

/** Accepts each (iss, jti) once until the token expires; a second use is a replay. */
public interface ReplayGuard {

    boolean firstUse(String issuer, String jwtId, Instant expiresAt);
}
