/** Reading ticket text from CSV and JSONL sources ({@link dev.tickettriage.io.TextRecords}). */
@NullMarked
package dev.tickettriage.io;

import org.jspecify.annotations.NullMarked;
