package org.lbpcdshooks.knowledge;

/** No CDS service has this id; answered with 404. */
public class UnknownServiceException extends RuntimeException {

    public UnknownServiceException(String serviceId) {
        super("No CDS service with id '" + serviceId + "'");
    }
}
