package dev.tickettriage.ntfy;

import mockwebserver3.RecordedRequest;

/** {@link NtfyNotifier} with {@link NtfyNotifier.PublishForm#HEADERS} against the same mock ntfy. */
class NtfyNotifierHeaderFormContractTest extends NtfyNotifierContractTest {

    @Override
    NtfyNotifier.PublishForm form() {
        return NtfyNotifier.PublishForm.HEADERS;
    }

    @Override
    Received decode(RecordedRequest request) {
        String title = request.getHeaders().get("X-Title");
        String decoded = title == null ? "" : title.startsWith("=?") ? Fixtures.decodeEncodedWords(title) : title;
        return new Received(decoded, request.getBody().utf8());
    }
}
