/** Implementation of the JDBC store: dialects, migrator, SQL and the JSON document codec. Not API. */
@NullMarked
package dev.tickettriage.jdbc.internal;

import org.jspecify.annotations.NullMarked;
