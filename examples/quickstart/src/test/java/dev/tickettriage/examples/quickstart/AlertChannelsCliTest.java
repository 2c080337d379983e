package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The --smtp-* and --ntfy-topic options. */
class AlertChannelsCliTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @StartStop
    final MockWebServer ntfyServer = new MockWebServer();

    private static AppRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        QuickstartApp app = new QuickstartApp(() -> clock.addAndGet(2_000_000_000L), false, BatchTriage.DEFAULT_CHUNK_SIZE, null, env);
        int code = app.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new AppRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] smtpArgs(String... more) {
        String[] base = {"-q", "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(GREEN_MAIL.getSmtp().getPort()),
                "--smtp-security", "none", "--smtp-from", "triage@example.com", "--smtp-to", "ops@example.com"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void should_email_every_alert_and_still_list_it_when_smtp_options_are_given() throws Exception {
        AppRun plain = run(Map.of(), "-q");

        AppRun run = run(Map.of(), smtpArgs());

        assertThat(run.exitCode()).as(run.err()).isZero();
        int alerts = GREEN_MAIL.getReceivedMessages().length;
        assertThat(alerts).isPositive();
        assertThat(plain.out()).contains("; " + alerts + " notifications.");   // one e-mail per alert the rules fire
        assertThat(run.out()).contains("; " + alerts + " notifications.");     // and the console still lists them
        MimeMessage first = GREEN_MAIL.getReceivedMessages()[0];
        assertThat(first.getSubject()).startsWith("[");
        assertThat(first.getFrom()[0].toString()).contains("triage@example.com");
    }

    @Test
    void should_report_usage_when_smtp_options_lack_from_or_to() {
        AppRun run = run(Map.of(), "--smtp-host", "127.0.0.1", "--smtp-to", "ops@example.com");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(run.err()).contains("--smtp-from");
    }

    @Test
    void should_report_usage_when_an_smtp_value_is_bad() {
        assertThat(run(Map.of(), smtpArgs("--smtp-port", "70000")).err()).contains("--smtp-port");
        assertThat(run(Map.of(), smtpArgs("--smtp-security", "tls12")).err()).contains("none|starttls|ssl");
        AppRun badAddress = run(Map.of(), "--smtp-host", "h", "--smtp-from", "t@example.com", "--smtp-to", "not an address");
        assertThat(badAddress.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(badAddress.err()).contains("--smtp-to");
    }

    @Test
    void should_need_the_password_from_the_environment_when_a_user_is_given() {
        AppRun run = run(Map.of(), smtpArgs("--smtp-user", "triage"));

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(run.err()).contains("SMTP_PASSWORD");
    }

    @Test
    void should_reject_an_invalid_ntfy_topic() {
        AppRun run = run(Map.of(), "--ntfy-topic", "bad topic/with slash");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(run.err()).contains("--ntfy-topic");
    }

    @Test
    void should_list_the_alert_options_in_the_help() {
        AppRun run = run(Map.of(), "--help");

        assertThat(run.out()).contains("--ntfy-topic TOPIC", "NTFY_SERVER", "NTFY_TOKEN", "--smtp-host HOST", "--smtp-to",
                "SMTP_PASSWORD");
    }

    @Test
    void should_push_every_alert_to_ntfy_with_the_token_when_a_topic_is_given() throws Exception {
        for (int i = 0; i < 200; i++) {
            ntfyServer.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"m" + i + "\",\"event\":\"message\"}").build());
        }
        AppRun plain = run(Map.of(), "-q");

        AppRun run = run(Map.of("NTFY_SERVER", ntfyServer.url("/").toString(), "NTFY_TOKEN", "tk_quickstart_secret"),
                "-q", "--ntfy-topic", "support-alerts-qs");

        assertThat(run.exitCode()).as(run.err()).isZero();
        int pushes = ntfyServer.getRequestCount();
        assertThat(pushes).isPositive();
        assertThat(plain.out()).contains("; " + pushes + " notifications.");   // one push per alert the rules fire
        RecordedRequest first = ntfyServer.takeRequest();
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer tk_quickstart_secret");
        assertThat(first.getBody().utf8()).contains("\"topic\":\"support-alerts-qs\"");
        assertThat(run.out() + run.err()).doesNotContain("tk_quickstart_secret");
    }
}
