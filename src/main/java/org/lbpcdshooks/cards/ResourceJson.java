package org.lbpcdshooks.cards;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * The FHIR resources a card's suggestions carry (orders and referrals to create, a draft order to update) as JSON.
 * Encoded with a FHIR context of its own that does not contain referenced resources automatically: these
 * resources refer to others by reference only, and the shared context's containment step walked every element of
 * every resource looking for targets (~2% of an order-select call). The shared context keeps HAPI's default.
 * HAPI's encoder writes straight into a JSON tree: writing text and reading it back cost ~1% of a call, and read
 * FHIR decimals back as binary floating point.
 */
@Component
public class ResourceJson {

    /** Decimals exactly as HAPI gives them (0.10 stays 0.10): FHIR decimals carry their precision. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final FhirContext fhirContext = FhirContext.forR4();

    public ResourceJson() {
        fhirContext.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
    }

    public JsonNode of(IBaseResource resource) {
        var tree = new TreeWriter();
        try {
            ((IJsonLikeParser) fhirContext.newJsonParser()).encodeResourceToJsonLikeWriter(resource, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("HAPI could not encode " + resource.fhirType(), e); // writes no I/O
        }
        return tree.root;
    }

    /** Builds the tree HAPI's JSON encoder describes: objects and arrays as they open and close, values into them. */
    private static final class TreeWriter extends BaseJsonLikeWriter {

        private final Deque<ContainerNode<?>> open = new ArrayDeque<>();
        private ObjectNode root;

        @Override
        public BaseJsonLikeWriter init() {
            return this;
        }

        @Override
        public BaseJsonLikeWriter flush() {
            return this;
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public BaseJsonLikeWriter beginObject() {
            var object = NODES.objectNode();
            if (open.isEmpty()) {
                root = object;
            } else {
                array().add(object);
            }
            open.push(object);
            return this;
        }

        @Override
        public BaseJsonLikeWriter beginObject(String name) {
            open.push(object().putObject(name));
            return this;
        }

        @Override
        public BaseJsonLikeWriter beginArray(String name) {
            open.push(object().putArray(name));
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(BigInteger value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(BigDecimal value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(long value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(double value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(Boolean value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(boolean value) {
            array().add(value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter writeNull() {
            array().addNull();
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, String value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, BigInteger value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, BigDecimal value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, long value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, double value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, Boolean value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter write(String name, boolean value) {
            object().put(name, value);
            return this;
        }

        @Override
        public BaseJsonLikeWriter endObject() {
            open.pop();
            return this;
        }

        @Override
        public BaseJsonLikeWriter endArray() {
            open.pop();
            return this;
        }

        @Override
        public BaseJsonLikeWriter endBlock() {
            open.pop();
            return this;
        }

        private ObjectNode object() {
            return (ObjectNode) open.getFirst();
        }

        private ArrayNode array() {
            return (ArrayNode) open.getFirst();
        }
    }
}
