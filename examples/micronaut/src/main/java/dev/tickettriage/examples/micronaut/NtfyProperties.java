package dev.tickettriage.examples.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code triage.ntfy.*}: alerts go to the console unless {@code topic} is set, then to that ntfy topic on
 * {@code server} (default https://ntfy.sh) with the access {@code token} if one is set ({@code NTFY_TOKEN}).
 */
@ConfigurationProperties("triage.ntfy")
public record NtfyProperties(@Nullable String topic, @Nullable String server, @Nullable String token) {

    @Override
    public String toString() {
        // on public ntfy.sh the topic name is as good as a password
        return "NtfyProperties[topic=" + Settings.masked(topic) + ", server=" + server + ", token=" + Settings.masked(token) + "]";
    }
}
