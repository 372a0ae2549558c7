package org.skillbroker.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PATCH bodies that must all be refused: broken and deeply nested JSON, numbers no parser should narrow, wrong
 * types, fields other than the proficiency, Unicode oddities as escapes and as raw bytes. None of them may
 * change a profile, so even the well-formed ones carry a value outside 0..10 or a skill that cannot be changed.
 * The words "Exception" and "at org." never appear in them: a refusal may legitimately echo a field name, and
 * the suite looks for those words as signs of a stack trace.
 */
final class HostileBodies {

    private HostileBodies() {
    }

    /** name → body bytes */
    static Map<String, byte[]> all(String skill, String booleanSkill) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        text(bodies, broken());
        text(bodies, nested());
        text(bodies, numbers(skill));
        text(bodies, wrongTypes(skill));
        text(bodies, fields(skill, booleanSkill));
        text(bodies, unicode(skill));
        bodies.putAll(rawBytes(skill));
        return bodies;
    }

    private static void text(Map<String, byte[]> into, Map<String, String> bodies) {
        bodies.forEach((name, body) -> into.put(name, body.getBytes(StandardCharsets.UTF_8)));
    }

    static String change(String skillId, String rawValue) {
        return "{\"activeSkills\":[{\"skillId\":\"" + skillId + "\",\"proficiencyValue\":" + rawValue + "}]}";
    }

    private static Map<String, String> broken() {
        Map<String, String> b = new LinkedHashMap<>();
        String[] samples = {"", " ", "{", "}", "[", "]", "{\"activeSkills\":", "{\"activeSkills\":[", "{\"activeSkills\":[{",
                "null", "true", "0", "\"text\"", "[]", "{}", "{\"activeSkills\":[]}", "{\"activeSkills\":{}}",
                "{\"activeSkills\":null}", "{'activeSkills':[]}", "{activeSkills:[]}", "{\"activeSkills\":[],}",
                "{\"activeSkills\":[1,]}", "/* comment */{}", "{\"a\":1}{\"b\":2}", "{\"activeSkills\":[]} trailing",
                "\u0000", "{\"activeSkills\":[\"\\u12\"]}", "{\"activeSkills\":[\"\\x41\"]}", "{\"a\":\"unterminated}",
                "<?xml version=\"1.0\"?><activeSkills/>", "activeSkills=1", "--boundary\r\n\r\n--boundary--"};
        for (int i = 0; i < samples.length; i++) {
            b.put("broken-" + i, samples[i]);
        }
        return b;
    }

    private static Map<String, String> nested() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("nested-open-arrays-10000", "[".repeat(10_000));
        b.put("nested-closed-arrays-5000", "[".repeat(5_000) + "]".repeat(5_000));
        b.put("nested-objects-10000", "{\"a\":".repeat(10_000)); // 50 KB: refused for its size
        b.put("nested-objects-4000", "{\"\":".repeat(4_000)); // 16 000 bytes: reaches the parser
        b.put("nested-closed-objects-3000", "{\"\":".repeat(3_000) + "1" + "}".repeat(3_000));
        b.put("nested-in-activeSkills", "{\"activeSkills\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        b.put("nested-in-value", "{\"activeSkills\":[{\"skillId\":\"x\",\"proficiencyValue\":"
                + "[".repeat(4_000) + "]".repeat(4_000) + "}]}");
        return b;
    }

    private static Map<String, String> numbers(String skill) {
        Map<String, String> b = new LinkedHashMap<>();
        String[] values = {"1e309", "-1e309", "1e-400", "99999999999999999999", "-99999999999999999999", "11", "-1",
                "7.5", "7.0", "1E1", "70e-1", "1e2147483648", "1e-2147483649", "1E999999999", "0x7", "NaN",
                "Infinity", "-Infinity", "+7", "07", ".7", "7.", "1_0", "2147483648", "-2147483649",
                "9223372036854775808", "1".repeat(12_000), "0." + "0".repeat(8_000) + "1", "11e0", "-0.0e0"};
        for (String value : values) {
            b.put("number-" + (value.length() > 24 ? value.substring(0, 12) + "…x" + value.length() : value),
                    change(skill, value));
        }
        return b;
    }

    private static Map<String, String> wrongTypes(String skill) {
        Map<String, String> b = new LinkedHashMap<>();
        for (String value : new String[]{"\"7\"", "true", "false", "null", "[]", "[7]", "{}", "{\"value\":7}"}) {
            b.put("value-type-" + value, change(skill, value));
        }
        for (String id : new String[]{"123", "null", "true", "[]", "{}", "\"\"", "\"not-a-uuid\"",
                "\"" + skill + "\\u0000\"", "\"" + skill + " \"", "\"../" + skill + "\"", "\"" + skill + "/..\""}) {
            b.put("skillId-" + id, "{\"activeSkills\":[{\"skillId\":" + id + ",\"proficiencyValue\":5}]}");
        }
        for (String array : new String[]{"\"x\"", "1", "[1]", "[null]", "[[]]", "[\"" + skill + "\"]", "true"}) {
            b.put("activeSkills-" + array, "{\"activeSkills\":" + array + "}");
        }
        b.put("missing-value", "{\"activeSkills\":[{\"skillId\":\"" + skill + "\"}]}");
        b.put("missing-skillId", "{\"activeSkills\":[{\"proficiencyValue\":5}]}");
        return b;
    }

    private static Map<String, String> fields(String skill, String booleanSkill) {
        Map<String, String> b = new LinkedHashMap<>();
        String valid = "[{\"skillId\":\"" + skill + "\",\"proficiencyValue\":11}]";
        for (String field : new String[]{"name", "description", "version", "id", "organizationId", "__proto__",
                "constructor", "activeSkills ", "ActiveSkills", "", "\\u0000", "\\ud800", "\\u202e"}) {
            b.put("field-" + field, "{\"activeSkills\":" + valid + ",\"" + field + "\":\"x\"}");
        }
        b.put("field-booleanValue", "{\"activeSkills\":[{\"skillId\":\"" + skill
                + "\",\"proficiencyValue\":5,\"booleanValue\":true}]}");
        b.put("field-textValue", "{\"activeSkills\":[{\"skillId\":\"" + skill
                + "\",\"proficiencyValue\":5,\"textValue\":\"x\"}]}");
        b.put("duplicate-skill", "{\"activeSkills\":[{\"skillId\":\"" + skill + "\",\"proficiencyValue\":11},"
                + "{\"skillId\":\"" + skill + "\",\"proficiencyValue\":12}]}");
        // duplicate keys: whichever one a parser keeps, both are out of range
        b.put("duplicate-key", "{\"activeSkills\":[{\"skillId\":\"" + skill + "\",\"proficiencyValue\":11,"
                + "\"proficiencyValue\":12}],\"activeSkills\":" + valid + "}");
        b.put("boolean-skill", change(booleanSkill, "5"));
        b.put("unknown-skill", change(UUID.randomUUID().toString(), "5"));
        StringBuilder many = new StringBuilder("{\"activeSkills\":[");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("{\"skillId\":\"").append(UUID.randomUUID())
                    .append("\",\"proficiencyValue\":5}");
        }
        b.put("200-unknown-skills", many.append("]}").toString());
        return b;
    }

    private static Map<String, String> unicode(String skill) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("lone-high-surrogate-escape", change("\\ud800", "5"));
        b.put("lone-low-surrogate-escape", change("\\udc00" + skill.substring(1), "5"));
        b.put("rtl-override-escape", change("\\u202e" + skill, "5"));
        b.put("rtl-override-literal", change("\u202e" + skill, "5"));
        b.put("nul-escape-in-id", change(skill.substring(0, 8) + "\\u0000" + skill.substring(9), "5"));
        b.put("zero-width-space", change(skill + "\u200b", "5"));
        b.put("fullwidth-digits", change(skill.replace('1', '\uff11').replace('2', '\uff12'), "5"));
        b.put("arabic-indic-digit-value", change(skill, "\u0665"));
        b.put("emoji-key", "{\"\ud83d\ude00\":1}");
        b.put("bom-then-json", "\ufeff" + change(skill, "11"));
        return b;
    }

    private static Map<String, byte[]> rawBytes(String skill) {
        Map<String, byte[]> b = new LinkedHashMap<>();
        String prefix = "{\"activeSkills\":[{\"skillId\":\"";
        String suffix = "\",\"proficiencyValue\":5}]}";
        b.put("overlong-slash-in-string", concat(prefix, new byte[]{(byte) 0xC0, (byte) 0xAF}, suffix));
        b.put("overlong-nul-in-string", concat(prefix, new byte[]{(byte) 0xC0, (byte) 0x80}, suffix));
        b.put("encoded-surrogate-in-string", concat(prefix, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, suffix));
        b.put("invalid-utf8-ff-fe", concat(prefix, new byte[]{(byte) 0xFF, (byte) 0xFE}, suffix));
        b.put("truncated-utf8", concat(prefix, new byte[]{(byte) 0xE2, (byte) 0x82}, suffix));
        b.put("raw-nul-in-string", concat(prefix, new byte[]{0}, suffix));
        b.put("utf16-body", change(skill, "11").getBytes(StandardCharsets.UTF_16));
        b.put("utf32-ish-body", change(skill, "11").getBytes(java.nio.charset.Charset.forName("UTF-32")));
        byte[] random = new byte[4096];
        new java.util.Random(6).nextBytes(random);
        b.put("random-bytes", random);
        return b;
    }

    private static byte[] concat(String a, byte[] middle, String c) {
        List<byte[]> parts = new ArrayList<>(List.of(a.getBytes(StandardCharsets.UTF_8), middle,
                c.getBytes(StandardCharsets.UTF_8)));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
