package org.lbpcdshooks.hooks;

import org.lbpcdshooks.evaluation.EvaluationException;
import org.lbpcdshooks.feedback.InvalidFeedbackException;
import org.lbpcdshooks.feedback.UnknownCardException;
import org.lbpcdshooks.knowledge.UnknownServiceException;
import org.lbpcdshooks.prefetch.DataUnavailableException;
import org.lbpcdshooks.prefetch.InvalidPrefetchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to the one JSON error body. Messages say what was wrong with the request; internals (stack
 * traces, exception texts of libraries) never reach the client.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ApiError> invalidRequest(InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
    }

    /** Well-formed JSON whose FHIR content cannot be processed. */
    @ExceptionHandler(InvalidPrefetchException.class)
    ResponseEntity<ApiError> invalidPrefetch(InvalidPrefetchException e) {
        return error(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-fhir", e.getMessage());
    }

    @ExceptionHandler(InvalidFeedbackException.class)
    ResponseEntity<ApiError> invalidFeedback(InvalidFeedbackException e) {
        return error(HttpStatus.BAD_REQUEST, "invalid-feedback", e.getMessage());
    }

    @ExceptionHandler(UnknownCardException.class)
    ResponseEntity<ApiError> unknownCard(UnknownCardException e) {
        return error(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-card", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> payloadTooLarge(PayloadTooLargeException e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", e.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ApiError> tooManyRequests(TooManyRequestsException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Retry-After", "1")
                .body(new ApiError(429, "too-many-requests", e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof PayloadTooLargeException tooLarge) {
            return payloadTooLarge(tooLarge);
        }
        return error(HttpStatus.BAD_REQUEST, "invalid-request", "The request body could not be read");
    }

    @ExceptionHandler({UnknownServiceException.class, NoResourceFoundException.class})
    ResponseEntity<ApiError> notFound(Exception e) {
        var message = e instanceof UnknownServiceException ? e.getMessage() : "No such endpoint";
        return error(HttpStatus.NOT_FOUND, "not-found", message);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Send the request as application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "This service answers application/json only");
    }

    @ExceptionHandler(DataUnavailableException.class)
    ResponseEntity<ApiError> dataUnavailable(DataUnavailableException e) {
        return error(HttpStatus.PRECONDITION_FAILED, "data-unavailable", e.getMessage());
    }

    @ExceptionHandler(EvaluationException.class)
    ResponseEntity<ApiError> evaluationFailed(EvaluationException e) {
        // Only types and library names: exception texts of the engine may quote patient data.
        log.error("Guideline evaluation failed: {} ({})", e.getMessage(),
                e.getCause() == null ? "no cause" : e.getCause().getClass().getName());
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "evaluation-failed",
                "The guideline could not be evaluated for this request; no advice was given");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected error handling a request ({} at {})", e.getClass().getName(),
                e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "unknown");
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The service could not handle this request");
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), code, message));
    }
}
