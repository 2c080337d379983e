/** The Spring Boot example app: REST API, Server-Sent Events, exports and the dashboard's backend. */
@NullMarked
package dev.tickettriage.examples.spring;

import org.jspecify.annotations.NullMarked;
