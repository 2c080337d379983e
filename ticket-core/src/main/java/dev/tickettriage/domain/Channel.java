package dev.tickettriage.domain;

/** Where a ticket came in. */
public enum Channel {
    EMAIL, WEB, CHAT, PHONE, API, SOCIAL
}
