package dev.tickettriage.spring;

import dev.tickettriage.TicketTriage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters (when micrometer-core is on the classpath): Boot binds the {@link TriageMetrics} bean to every
 * registry it configures.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
class TicketTriageMetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TriageMetrics ticketTriageMetrics(ObjectProvider<TicketTriage> triage) {
        return new TriageMetrics(triage::getObject);
    }
}
