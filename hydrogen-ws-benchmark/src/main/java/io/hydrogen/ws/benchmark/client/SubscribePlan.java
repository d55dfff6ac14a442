package io.hydrogen.ws.benchmark.client;

import io.hydrogen.ws.benchmark.metrics.MeasuredMessages;

/**
 * Which readers subscribe to a topic with which options: every reader sends a {@code subscribe}
 * right after the upgrade; a fraction of them, spread evenly over the ramp, add the options (for
 * example {@code {"min_interval_ms":200,"deadband":0.5}}), the rest subscribe without. Immutable.
 */
public final class SubscribePlan {

    private final String topic;
    private final String plainMessage;
    private final String optionsMessage;
    private final double fraction;

    /**
     * @param topic the state topic
     * @param optionsJson a JSON object of subscribe options, or {@code null} for none; sent as given
     *     (the server answers an invalid option with an error, and the reader then receives no updates)
     * @param fraction the share of readers that send the options, 0 to 1
     * @throws IllegalArgumentException naming what is wrong
     */
    public SubscribePlan(String topic, String optionsJson, double fraction) {
        MeasuredMessages.updates(topic); // checks the name
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the fraction of readers with options must be 0..1, was " + fraction);
        }
        String members = "";
        if (optionsJson != null) {
            String trimmed = optionsJson.strip();
            if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
                throw new IllegalArgumentException("subscribe options must be a JSON object, was " + optionsJson);
            }
            String inner = trimmed.substring(1, trimmed.length() - 1).strip();
            members = inner.isEmpty() ? "" : "," + inner;
        }
        this.topic = topic;
        this.plainMessage = "{\"type\":\"subscribe\",\"id\":1,\"topic\":\"" + topic + "\"}";
        this.optionsMessage = "{\"type\":\"subscribe\",\"id\":1,\"topic\":\"" + topic + "\"" + members + "}";
        this.fraction = optionsJson == null ? 0 : fraction;
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return whether the reader with this ramp index sends the options (evenly spread: 0.5 is every other one) */
    public boolean withOptions(int index) {
        return Math.floor((index + 1) * fraction) > Math.floor(index * fraction);
    }

    /** @return how many of the readers 0..count-1 send the options */
    public int countWithOptions(int count) {
        return (int) Math.floor(count * fraction);
    }

    /** @return the {@code subscribe} message of the reader with this ramp index */
    public String message(int index) {
        return withOptions(index) ? optionsMessage : plainMessage;
    }
}
