package org.lbpcdshooks.knowledge;

/** The knowledge base is inconsistent or unreadable; the service must not start with it. */
public class KnowledgeException extends RuntimeException {

    public KnowledgeException(String message) {
        super(message);
    }

    public KnowledgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
