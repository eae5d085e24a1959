package org.lbpcdshooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test requests built from vignette V-09 (cauda equina), opened at patient-view. */
public final class PatientViewRequests {

    public static final String PATIENT_ID = "woman-48-sciatica-saddle-numbness";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PatientViewRequests() {}

    /** The whole chart in prefetch: one critical cauda equina card is expected. */
    public static ObjectNode caudaEquina() {
        try {
            var request = (ObjectNode) JSON.readTree(Files.readString(Path.of(
                    "src/test/resources/vignettes/cauda-equina-saddle-anaesthesia-mri-order-select/request.json")));
            request.put("hook", "patient-view");
            var context = (ObjectNode) request.get("context");
            context.remove("selections");
            context.remove("draftOrders");
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
