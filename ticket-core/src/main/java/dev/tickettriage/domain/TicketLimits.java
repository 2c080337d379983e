package dev.tickettriage.domain;

/**
 * Size limits for ticket input, counted in Unicode code points after normalisation.
 * {@link #ofDefaults()}: body 20,000, subject 500, customer name 200, e-mail 254, external id 200,
 * 50 tags of at most 64 characters, 50 attributes with keys up to 64 and values up to 2,000 characters.
 */
public record TicketLimits(int maxBodyLength, int maxSubjectLength, int maxTags, int maxTagLength,
                           int maxAttributes, int maxAttributeKeyLength, int maxAttributeValueLength) {

    public static final int DEFAULT_MAX_BODY_LENGTH = 20_000;
    public static final int DEFAULT_MAX_SUBJECT_LENGTH = 500;
    public static final int DEFAULT_MAX_NAME_LENGTH = 200;
    public static final int DEFAULT_MAX_EMAIL_LENGTH = 254;
    public static final int DEFAULT_MAX_EXTERNAL_ID_LENGTH = 200;
    public static final int DEFAULT_MAX_TAGS = 50;
    public static final int DEFAULT_MAX_TAG_LENGTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTES = 50;
    public static final int DEFAULT_MAX_ATTRIBUTE_KEY_LENGTH = 64;
    public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 2_000;

    public TicketLimits {
        positive(maxBodyLength, "maxBodyLength");
        positive(maxSubjectLength, "maxSubjectLength");
        positive(maxTags, "maxTags");
        positive(maxTagLength, "maxTagLength");
        positive(maxAttributes, "maxAttributes");
        positive(maxAttributeKeyLength, "maxAttributeKeyLength");
        positive(maxAttributeValueLength, "maxAttributeValueLength");
    }

    private static void positive(int value, String name) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, was " + value);
    }

    public static TicketLimits ofDefaults() {
        return new TicketLimits(DEFAULT_MAX_BODY_LENGTH, DEFAULT_MAX_SUBJECT_LENGTH, DEFAULT_MAX_TAGS, DEFAULT_MAX_TAG_LENGTH,
                DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_ATTRIBUTE_KEY_LENGTH, DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH);
    }

    /** These limits with another maximum body length. */
    public TicketLimits withMaxBodyLength(int maxBody) {
        return new TicketLimits(maxBody, maxSubjectLength, maxTags, maxTagLength, maxAttributes, maxAttributeKeyLength,
                maxAttributeValueLength);
    }
}
