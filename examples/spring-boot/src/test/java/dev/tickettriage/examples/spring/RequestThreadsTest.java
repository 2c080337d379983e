package dev.tickettriage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

class RequestThreadsTest {

    @Test
    void should_give_the_embedded_store_one_thread_per_core_and_a_network_database_four() {
        assertThat(RequestThreads.forStore(2, "jdbc:h2:file:./data/tickets")).isEqualTo(2);
        assertThat(RequestThreads.forStore(1, "jdbc:h2:mem:x")).isEqualTo(2);
        assertThat(RequestThreads.forStore(8, "jdbc:h2:file:./data/tickets")).isEqualTo(8);
        assertThat(RequestThreads.forStore(2, "jdbc:postgresql://127.0.0.1:5432/test")).isEqualTo(8);
        assertThat(RequestThreads.forStore(8, "jdbc:mariadb://127.0.0.1:3306/test")).isEqualTo(32);
    }

    @Test
    void should_size_tomcat_when_the_property_is_not_set() {
        MockEnvironment environment = new MockEnvironment().withProperty("ticket-triage.store.jdbc.url", "jdbc:postgresql://db/test");

        AbstractProtocol<?> protocol = customized(environment);

        int expected = RequestThreads.forStore(Runtime.getRuntime().availableProcessors(), "jdbc:postgresql://db/test");
        assertThat(protocol.getMaxThreads()).isEqualTo(expected);
        assertThat(protocol.getMinSpareThreads()).isLessThanOrEqualTo(expected);
    }

    @Test
    void should_leave_tomcat_alone_when_the_user_set_the_property() {
        MockEnvironment environment = new MockEnvironment().withProperty(RequestThreads.PROPERTY, "64");

        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new RequestThreads(environment).customize(factory);

        assertThat(factory.getTomcatConnectorCustomizers()).isEmpty();
    }

    private static AbstractProtocol<?> customized(MockEnvironment environment) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new RequestThreads(environment).customize(factory);
        Connector connector = new Connector("HTTP/1.1");
        factory.getTomcatConnectorCustomizers().forEach(customizer -> customizer.customize(connector));
        return (AbstractProtocol<?>) connector.getProtocolHandler();
    }
}
