package org.lbpcdshooks.evaluation;

/**
 * The guideline could not be evaluated for this request. Never swallowed: a silently skipped red-flag rule is worse
 * than an error the EHR can see.
 */
public class EvaluationException extends RuntimeException {

    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
