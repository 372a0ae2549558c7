package org.skillbroker.contract;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.BasicDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import org.skillbroker.simulator.ContractCheck;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Contact Center contract as the project keeps it: {@code src/test/resources/contract/webex-contact-center.json},
 * Cisco's published structure for the operations the broker uses (paths, query parameters, request and response
 * schemas per status), validated with networknt's JSON Schema validator. A request to any other Contact Center
 * operation is a violation too: the broker must only use what is documented. Every violation names the
 * operation and the field.
 */
public final class CiscoContract implements ContractCheck {

    private static final String RESOURCE = "/contract/webex-contact-center.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Operation(String name, String method, Pattern path, JsonNode query, String requestBody,
                             JsonNode responses) {
    }

    private final List<Operation> operations = new ArrayList<>();
    private final JsonNode defs;
    /**
     * Draft 2020-12 treats {@code format} as an annotation; Cisco's formats are part of the contract (an
     * {@code organizationId} is a UUID, a {@code version} an int32), so they are asserted, and an unknown format is
     * a violation rather than ignored.
     */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012()).formats(CiscoFormats.ALL).build();
    private final SchemaRegistry registry = SchemaRegistry.builder().defaultDialectId(DIALECT.getId())
            .dialectRegistry(new BasicDialectRegistry(DIALECT))
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).strict("format", true)
                    .build())
            .build();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private CiscoContract(JsonNode document) {
        this.defs = document.get("$defs");
        for (JsonNode op : document.get("operations")) {
            String template = op.get("path").asString();
            Pattern path = Pattern.compile(Pattern.quote(template).replaceAll("\\{[a-zA-Z]+}", "\\\\E[^/]+\\\\Q"));
            operations.add(new Operation(op.get("operation").asString(), op.get("method").asString(), path,
                    op.get("query"), op.get("requestBody").isNull() ? null : op.get("requestBody").asString(),
                    op.get("responses")));
        }
    }

    public static CiscoContract load() {
        try (InputStream in = CiscoContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
            }
            return new CiscoContract(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> request(String method, String path, Map<String, String> query, String body) {
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return List.of(method + " " + path + ": not an operation of the contract (undocumented or not used)");
        }
        Operation op = found.get();
        List<String> violations = new ArrayList<>();
        violations.addAll(validate(op.name() + " query", schema("query:" + op.name(), op.query()), typed(op.query(),
                query)));
        if (op.requestBody() != null) {
            violations.addAll(validateText(op.name() + " request body", op.requestBody(), body));
        } else if (body != null && !body.isEmpty()) {
            violations.add(op.name() + " request: a body where Cisco documents none");
        }
        return violations;
    }

    @Override
    public List<String> response(String method, String path, int status, String body) {
        Optional<Operation> found = operation(method, path);
        if (found.isEmpty()) {
            return List.of(); // already reported as a request violation
        }
        Operation op = found.get();
        JsonNode documented = op.responses().get(Integer.toString(status));
        // a status Cisco does not document for this operation (a simulator switch, e.g. 409) still answers
        // Cisco's error body
        String schema = documented == null ? (status >= 400 ? "ApiErrorResponse" : null)
                : documented.isNull() ? null : documented.asString();
        if (documented == null && status < 400) {
            return List.of(op.name() + " " + status + ": a status Cisco does not document");
        }
        if (schema == null) {
            return body == null || body.isEmpty() ? List.of()
                    : List.of(op.name() + " " + status + ": a body where Cisco documents none");
        }
        return validateText(op.name() + " " + status + " answer", schema, body);
    }

    private Optional<Operation> operation(String method, String path) {
        return operations.stream().filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
                .findFirst();
    }

    private List<String> validateText(String what, String definition, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text == null ? "" : text);
        } catch (RuntimeException e) {
            return List.of(what + ": not JSON");
        }
        if (node == null || node.isMissingNode()) {
            return List.of(what + ": empty, a " + definition + " is documented");
        }
        return validate(what, schema(definition, null), node);
    }

    private static List<String> validate(String what, Schema schema, JsonNode node) {
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(node)) {
            violations.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return violations;
    }

    /** A schema per definition (or inline, for query parameters), with every definition reachable by $ref. */
    private Schema schema(String key, JsonNode inline) {
        return schemas.computeIfAbsent(key, k -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            if (inline != null) {
                root.setAll((ObjectNode) inline.deepCopy());
            } else {
                root.put("$ref", "#/$defs/" + key);
            }
            root.set("$defs", defs);
            return registry.getSchema(root.toString(), InputFormat.JSON);
        });
    }

    /** Query values arrive as text; integers and booleans are checked as what they must parse to. */
    private static JsonNode typed(JsonNode querySchema, Map<String, String> query) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        JsonNode properties = querySchema.get("properties");
        for (Map.Entry<String, String> e : query.entrySet()) {
            JsonNode schema = properties.get(e.getKey());
            String type = schema == null || schema.get("type") == null ? "string" : schema.get("type").asString();
            String value = e.getValue();
            switch (type) {
                case "integer" -> {
                    try {
                        node.put(e.getKey(), Long.parseLong(value));
                    } catch (NumberFormatException notANumber) {
                        node.put(e.getKey(), value);
                    }
                }
                case "boolean" -> {
                    if ("true".equals(value) || "false".equals(value)) {
                        node.put(e.getKey(), Boolean.parseBoolean(value));
                    } else {
                        node.put(e.getKey(), value);
                    }
                }
                default -> node.put(e.getKey(), value);
            }
        }
        return node;
    }

    /** The names of the documented operations, for reports. */
    public List<String> operationNames() {
        List<String> names = new ArrayList<>();
        for (Iterator<Operation> it = operations.iterator(); it.hasNext(); ) {
            names.add(it.next().name());
        }
        return names;
    }
}
