/** The task-API HTTP client, its status mapping and answer parsing, and the task classifier; not API. */
@NullMarked
package dev.tickettriage.huggingface.internal;

import org.jspecify.annotations.NullMarked;
