package dev.tickettriage.spring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.rules.Actions;
import dev.tickettriage.rules.Condition;
import dev.tickettriage.rules.Conditions;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.RuleAction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads routing rules from JSON (the {@code ticket-triage.rules-file}). Every condition of a rule's {@code when} must
 * hold (an empty {@code when} matches every classified ticket); its {@code then} actions run in order:
 *
 * <pre>{@code
 * {"linkTemplate": "https://desk.example.com/tickets/{id}",
 *  "escalationTarget": "on-call",
 *  "rules": [
 *    {"name": "angry-billing",
 *     "when": {"category": ["billing"], "sentimentAtMost": "negative", "keywords": ["refund", "chargeback"]},
 *     "then": [{"setPriority": "high"}, {"addTag": "money"},
 *              {"notify": "support-alerts", "title": "Ticket {id}: {category}", "message": "{summary}", "priority": "urgent"}],
 *     "stopProcessing": false}]}
 * }</pre>
 *
 * <p>Conditions: {@code category} (labels), {@code sentiment} (grades), {@code sentimentAtMost}, {@code priorityAtLeast},
 * {@code classifiedPriorityAtLeast}, {@code keywords}, {@code regex}, {@code channel}, {@code language} (tags),
 * {@code tag}, {@code notTag}, {@code customerEmailDomain}. Actions: {@code notify} (with {@code title},
 * {@code message}, optional {@code priority}), {@code setPriority}, {@code assign}, {@code addTag}, {@code escalate}
 * ({@code true}). Enum values are case-insensitive. Unknown keys and duplicate keys are rejected, each error naming
 * its place, e.g. {@code rules.rules[1].when.sentimentAtMost}.
 */
final class RoutingRulesJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final Set<String> TOP = Set.of("rules", "linkTemplate", "escalationTarget");
    private static final Set<String> RULE = Set.of("name", "when", "then", "stopProcessing");
    private static final Set<String> WHEN = Set.of("category", "sentiment", "sentimentAtMost", "priorityAtLeast",
            "classifiedPriorityAtLeast", "keywords", "regex", "channel", "language", "tag", "notTag", "customerEmailDomain");
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "notify", Set.of("notify", "title", "message", "priority"), "setPriority", Set.of("setPriority"),
            "assign", Set.of("assign"), "addTag", Set.of("addTag"), "escalate", Set.of("escalate"));

    private RoutingRulesJson() {
    }

    static RoutingRules read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("rules", "is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject()) throw new InvalidInputException("rules", "must be a JSON object");
        keys(root, TOP, "rules");
        RoutingRules.Builder builder = RoutingRules.builder();
        if (root.has("linkTemplate")) {
            String template = text(root.get("linkTemplate"), "rules.linkTemplate");
            wrap("rules.linkTemplate", () -> builder.linkTemplate(template));
        }
        if (root.has("escalationTarget")) {
            String target = text(root.get("escalationTarget"), "rules.escalationTarget");
            wrap("rules.escalationTarget", () -> builder.escalationTarget(target));
        }
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) throw new InvalidInputException("rules.rules", "must be an array of rules");
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules.rules[" + i + "]";
            JsonNode rule = rules.get(i);
            if (!rule.isObject()) throw new InvalidInputException(at, "must be an object");
            keys(rule, RULE, at);
            String name = text(rule.get("name"), at + ".name");
            Condition condition = condition(rule.get("when"), at + ".when");
            List<RuleAction> actions = actions(rule.get("then"), at + ".then");
            wrap(at, () -> builder.rule(name).when(condition).then(actions.get(0), actions.subList(1, actions.size()).toArray(RuleAction[]::new)));
            JsonNode stop = rule.get("stopProcessing");
            if (stop != null) {
                if (!stop.isBoolean()) throw new InvalidInputException(at + ".stopProcessing", "must be true or false");
                if (stop.booleanValue()) builder.stopProcessing();
            }
        }
        return wrap("rules", builder::build);
    }

    private static Condition condition(JsonNode when, String at) {
        Condition condition = Conditions.classified();
        if (when == null) return condition;
        if (!when.isObject()) throw new InvalidInputException(at, "must be an object");
        keys(when, WHEN, at);
        for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = at + "." + entry.getKey();
            JsonNode value = entry.getValue();
            Condition next = wrap(where, () -> switch (entry.getKey()) {
                case "category" -> Conditions.categoryIn(texts(value, where).toArray(String[]::new));
                case "sentiment" -> {
                    List<Sentiment> grades = enums(value, where, Sentiment::valueOf);
                    yield Conditions.sentiment(grades.get(0), grades.subList(1, grades.size()).toArray(Sentiment[]::new));
                }
                case "sentimentAtMost" -> Conditions.sentimentAtMost(enumValue(value, where, Sentiment::valueOf));
                case "priorityAtLeast" -> Conditions.priorityAtLeast(enumValue(value, where, Priority::valueOf));
                case "classifiedPriorityAtLeast" -> Conditions.classifiedPriorityAtLeast(enumValue(value, where, Priority::valueOf));
                case "keywords" -> Conditions.containsAnyKeyword(texts(value, where).toArray(String[]::new));
                case "regex" -> Conditions.matchesRegex(text(value, where));
                case "channel" -> {
                    List<Channel> channels = enums(value, where, Channel::valueOf);
                    yield Conditions.channel(channels.get(0), channels.subList(1, channels.size()).toArray(Channel[]::new));
                }
                case "language" -> Conditions.language(texts(value, where).toArray(String[]::new));
                case "tag" -> Conditions.hasTag(text(value, where));
                case "notTag" -> Conditions.hasTag(text(value, where)).negate();
                case "customerEmailDomain" -> Conditions.customerEmailDomain(text(value, where));
                default -> throw new IllegalStateException("unreachable: " + entry.getKey());
            });
            condition = condition.and(next);
        }
        return condition;
    }

    private static List<RuleAction> actions(JsonNode then, String at) {
        if (then == null || !then.isArray() || then.isEmpty()) throw new InvalidInputException(at, "must be a non-empty array of actions");
        List<RuleAction> actions = new ArrayList<>();
        for (int i = 0; i < then.size(); i++) {
            String where = at + "[" + i + "]";
            JsonNode action = then.get(i);
            if (!action.isObject()) throw new InvalidInputException(where, "must be an object");
            String kind = ACTIONS.keySet().stream().filter(action::has).findFirst()
                    .orElseThrow(() -> new InvalidInputException(where, "must have one of " + ACTIONS.keySet()));
            keys(action, ACTIONS.get(kind), where);
            actions.add(wrap(where, () -> switch (kind) {
                case "notify" -> action.has("priority")
                        ? Actions.notifyTarget(text(action.get("notify"), where + ".notify"), text(action.get("title"), where + ".title"),
                                text(action.get("message"), where + ".message"), enumValue(action.get("priority"), where + ".priority", Priority::valueOf))
                        : Actions.notifyTarget(text(action.get("notify"), where + ".notify"), text(action.get("title"), where + ".title"),
                                text(action.get("message"), where + ".message"));
                case "setPriority" -> Actions.setPriority(enumValue(action.get("setPriority"), where + ".setPriority", Priority::valueOf));
                case "assign" -> Actions.assignTo(text(action.get("assign"), where + ".assign"));
                case "addTag" -> Actions.addTag(text(action.get("addTag"), where + ".addTag"));
                case "escalate" -> {
                    if (!action.get("escalate").isBoolean() || !action.get("escalate").booleanValue()) {
                        throw new InvalidInputException(where + ".escalate", "must be true");
                    }
                    yield Actions.escalate();
                }
                default -> throw new IllegalStateException("unreachable: " + kind);
            }));
        }
        return actions;
    }

    private static void keys(JsonNode node, Set<String> allowed, String at) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) throw new InvalidInputException(at + "." + name, "is not a known key; expected one of " + new java.util.TreeSet<>(allowed));
        }
    }

    private static String text(JsonNode node, String at) {
        if (node == null || !node.isTextual() || node.textValue().isBlank()) throw new InvalidInputException(at, "must be a non-blank string");
        return node.textValue();
    }

    private static List<String> texts(JsonNode node, String at) {
        if (node != null && node.isTextual()) return List.of(text(node, at));
        if (node == null || !node.isArray() || node.isEmpty()) throw new InvalidInputException(at, "must be a string or a non-empty array of strings");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) values.add(text(node.get(i), at + "[" + i + "]"));
        return values;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String at, Function<String, E> parse) {
        String value = text(node, at);
        try {
            return parse.apply(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, "'" + value + "' is not a known value");
        }
    }

    private static <E extends Enum<E>> List<E> enums(JsonNode node, String at, Function<String, E> parse) {
        List<E> values = new ArrayList<>();
        if (node != null && node.isTextual()) return List.of(enumValue(node, at, parse));
        if (node == null || !node.isArray() || node.isEmpty()) throw new InvalidInputException(at, "must be a value or a non-empty array");
        for (int i = 0; i < node.size(); i++) values.add(enumValue(node.get(i), at + "[" + i + "]", parse));
        return values;
    }

    /** Runs a library call, turning its IllegalArgumentException into an error naming {@code at}. */
    private static <T> T wrap(String at, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, e.getMessage() == null ? "is invalid" : e.getMessage());
        }
    }
}
