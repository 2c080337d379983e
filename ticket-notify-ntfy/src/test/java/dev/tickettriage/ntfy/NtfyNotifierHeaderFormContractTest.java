package dev.tickettriage.ntfy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;

/** {@link NtfyNotifier} with {@link NtfyNotifier.PublishForm#HEADERS} against the same mock ntfy. */
class NtfyNotifierHeaderFormContractTest extends NtfyNotifierContractTest {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=\\s*");

    @Override
    NtfyNotifier.PublishForm form() {
        return NtfyNotifier.PublishForm.HEADERS;
    }

    @Override
    Received decode(RecordedRequest request) {
        String title = request.getHeaders().get("X-Title");
        StringBuilder decoded = new StringBuilder();
        Matcher word = ENCODED_WORD.matcher(title == null ? "" : title);
        if (title != null && title.startsWith("=?")) {
            while (word.find()) decoded.append(new String(Base64.getDecoder().decode(word.group(1)), StandardCharsets.UTF_8));
        } else if (title != null) {
            decoded.append(title);
        }
        return new Received(decoded.toString(), request.getBody().utf8());
    }
}
