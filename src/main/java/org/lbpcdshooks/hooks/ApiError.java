package org.lbpcdshooks.hooks;

/** The one error body of the API: the HTTP status, a stable machine-readable code and a sentence for people. */
public record ApiError(int status, String code, String message) {}
