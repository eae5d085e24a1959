package org.lbpcdshooks.prefetch;

/** The EHR's FHIR server could not answer a query (status, timeout, unreadable body, untrusted next link). */
public class FhirServerException extends RuntimeException {

    public FhirServerException(String message) {
        super(message);
    }

    public FhirServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
