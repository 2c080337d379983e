/** Wire DTOs, the HTTP transport and the status mapping of the OpenAI adapter; not API. */
@NullMarked
package dev.tickettriage.openai.internal;

import org.jspecify.annotations.NullMarked;
