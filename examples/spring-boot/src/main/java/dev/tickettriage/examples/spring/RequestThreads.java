package dev.tickettriage.examples.spring;

import org.apache.coyote.AbstractProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sizes Tomcat's request threads for this app unless {@code server.tomcat.threads.max} is set.
 *
 * <p>Every request of this API is short and CPU-bound once its slow work is off the request threads (SSE streams,
 * exports and assistant answers run asynchronously). On the embedded H2 store a request also never waits for a
 * network, and extra threads only add contention: concurrent writers retry H2's copy-on-write B-tree pages, and the
 * scheduler interleaves more threads than there are cores. So the embedded store gets one request thread per core
 * (at least 2): on 2 cores, {@code POST /api/tickets} went from 1,300-1,900 requests/s at p99 85-160 ms with 16
 * threads to 2,100-3,100 at p99 29-45 ms with 2 (BENCHMARKS.md). A network database (PostgreSQL, MariaDB) makes every request
 * wait for round trips, so it gets four per core (at least 8). Tomcat's own default is 200.
 */
@Component
class RequestThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    static final String PROPERTY = "server.tomcat.threads.max";
    private static final Logger LOG = LoggerFactory.getLogger(RequestThreads.class);

    private final Environment environment;

    RequestThreads(Environment environment) {
        this.environment = environment;
    }

    /** The request threads for {@code cores} processors and the store at {@code storeUrl}. */
    static int forStore(int cores, String storeUrl) {
        return storeUrl.startsWith("jdbc:h2:") ? Math.max(2, cores) : Math.max(8, 4 * cores);
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (environment.containsProperty(PROPERTY)) return;   // the user's choice wins
        int threads = forStore(Runtime.getRuntime().availableProcessors(),
                environment.getProperty("ticket-triage.store.jdbc.url", "jdbc:h2:"));
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), threads));
                protocol.setMaxThreads(threads);
            }
        });
        LOG.info("{} request threads ({} to change)", threads, PROPERTY);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;   // after Spring Boot's own Tomcat customizer, whose 200 this replaces
    }
}
