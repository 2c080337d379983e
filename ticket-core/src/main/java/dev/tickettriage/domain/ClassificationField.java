package dev.tickettriage.domain;

/** The fields a classifier can fill; used for capabilities, per-field confidence and automation gates. */
public enum ClassificationField {
    CATEGORY, SENTIMENT, PRIORITY, LANGUAGE, SUMMARY, SUGGESTED_REPLY, KEY_TOPICS
}
