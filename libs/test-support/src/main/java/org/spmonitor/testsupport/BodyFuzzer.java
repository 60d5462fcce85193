package org.spmonitor.testsupport;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based input generation for REST bodies: deterministic (seeded) random mutations of a
 * valid body. Each case breaks one to three things anywhere in the tree (missing, null, wrong type,
 * out-of-range, oversized, unknown field) or the JSON text itself (truncated, not JSON). The property
 * a service must keep for every case: never a 5xx, always problem details on refusal, and a refused
 * request stores nothing.
 */
public final class BodyFuzzer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One generated input: what was done to the valid body, and the text to send. */
    public record FuzzCase(String label, String body) {

        @Override
        public String toString() {
            return label;
        }
    }

    private final Random random;

    private BodyFuzzer(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} cases derived from {@code valid}, the same for the same seed. */
    public static List<FuzzCase> cases(JsonNode valid, long seed, int count) {
        BodyFuzzer fuzzer = new BodyFuzzer(seed);
        List<FuzzCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(fuzzer.next(valid, i));
        }
        return cases;
    }

    public static List<FuzzCase> cases(String validJson, long seed, int count) {
        return cases(JSON.readTree(validJson), seed, count);
    }

    private FuzzCase next(JsonNode valid, int index) {
        int textual = random.nextInt(10);
        if (textual == 0) {
            String text = JSON.writeValueAsString(valid);
            int cut = 1 + random.nextInt(Math.max(1, text.length() - 1));
            return new FuzzCase("#" + index + " truncated at " + cut, text.substring(0, cut));
        }
        if (textual == 1) {
            String[] garbage = { "", "null", "[]", "42", "\"text\"", "{", "{\"a\":}", "\u0000\u0001", "{}}",
                    "<xml/>", "{\"" + "k".repeat(10_000) + "\":1}" };
            String text = garbage[random.nextInt(garbage.length)];
            return new FuzzCase("#" + index + " not the expected JSON: " + abbreviate(text), text);
        }
        JsonNode copy = valid.deepCopy();
        List<String> done = new ArrayList<>();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            copy = mutate(copy, "", done);
        }
        return new FuzzCase("#" + index + " " + String.join("; ", done), JSON.writeValueAsString(copy));
    }

    /** Mutates one node somewhere below {@code node}; returns the (possibly replaced) node. */
    private JsonNode mutate(JsonNode node, String path, List<String> done) {
        boolean descend = (node.isObject() && node.size() > 0 || node.isArray() && node.size() > 0)
                && random.nextInt(3) > 0;
        if (descend && node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            Iterator<String> it = object.propertyNames().iterator();
            it.forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(5) == 0) {
                object.remove(name);
                done.add("removed " + path + name);
                return object;
            }
            object.set(name, mutate(object.get(name), path + name + ".", done));
            return object;
        }
        if (descend && node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            int i = random.nextInt(array.size());
            array.set(i, mutate(array.get(i), path + "[" + i + "].", done));
            return array;
        }
        if (node.isObject() && random.nextInt(4) == 0) {
            ((ObjectNode) node).put("unexpected" + random.nextInt(100), "surprise");
            done.add("unknown field in " + (path.isEmpty() ? "body" : path));
            return node;
        }
        JsonNode replacement = strangeValue();
        done.add((path.isEmpty() ? "body" : path.substring(0, path.length() - 1)) + " = " + abbreviate(replacement.toString()));
        return replacement;
    }

    private JsonNode strangeValue() {
        switch (random.nextInt(22)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.stringNode("");
            case 2: return NODES.stringNode("x".repeat(10_000));
            case 3: return NODES.numberNode(-1);
            case 4: return NODES.numberNode(Long.MAX_VALUE);
            case 5: return NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 6: return NODES.numberNode(new java.math.BigDecimal("123456789012345678901234567890.123456789012345"));
            case 7: return NODES.numberNode(0.1);
            case 8: return NODES.booleanNode(true);
            case 9: return NODES.arrayNode();
            case 10: return NODES.objectNode();
            case 11: return NODES.stringNode("2025Q5");
            case 12: return NODES.stringNode("2025-02-30");
            case 13: return NODES.stringNode("khm");
            case 14: return NODES.stringNode("\u202e\u0000\ud83d\ude00<script>alert(1)</script>");
            case 15: return NODES.stringNode("NaN");
            case 16: return NODES.stringNode("-0.00001");
            case 17: return NODES.numberNode(Integer.MIN_VALUE);
            case 18: return NODES.stringNode("1".repeat(400));
            case 19: {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 200; i++) {
                    many.addNull();
                }
                return many;
            }
            case 20: return NODES.stringNode("UNKNOWN_ENUM_VALUE");
            default: return NODES.stringNode("' OR 1=1 --{\"$gt\": \"\"}");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + " chars)" : text;
    }
}
