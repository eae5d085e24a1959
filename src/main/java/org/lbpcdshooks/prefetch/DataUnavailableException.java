package org.lbpcdshooks.prefetch;

/**
 * Data the guideline needs could be had neither from prefetch nor from the FHIR server; the hook answers 412 so the
 * EHR knows no advice was given, instead of advice on half the record.
 */
public class DataUnavailableException extends RuntimeException {

    public DataUnavailableException(String message) {
        super(message);
    }
}
