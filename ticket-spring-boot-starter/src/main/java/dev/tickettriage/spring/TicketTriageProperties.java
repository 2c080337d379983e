package dev.tickettriage.spring;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.core.io.Resource;

/**
 * The {@code ticket-triage.*} properties: everything the starter wires, with embedded defaults (in-memory store
 * unless a JDBC URL or {@code DataSource} is there, rule classifier, console notifier). Secrets in here are never
 * printed: this class keeps {@link Object#toString()}.
 */
@ConfigurationProperties(prefix = "ticket-triage")
public class TicketTriageProperties {

    /** Whether the starter builds a TicketTriage at all. */
    private boolean enabled = true;
    /** Categories the classifier may answer with: a taxonomy JSON file (see TaxonomyJson); default the built-in support taxonomy. */
    private @Nullable Resource taxonomyFile;
    /** Routing rules as a JSON file (see RoutingRulesJson); default: alert support-alerts about negative tickets. */
    private @Nullable Resource rulesFile;
    /** Background classification threads (claim workers). */
    private int workers = 2;
    /**
     * Tickets submitted on this instance and not finished yet before a submit waits (backpressure); a submit that
     * finds no room within submit-timeout fails with TriageOverloadedException (the example answers 503).
     */
    private int backlogCapacity = dev.tickettriage.pipeline.IntakeConfig.DEFAULT_BACKLOG_CAPACITY;
    /** How long a submit waits for room in the backlog. */
    private java.time.Duration submitTimeout = dev.tickettriage.pipeline.IntakeConfig.DEFAULT_SUBMIT_TIMEOUT;
    private final Store store = new Store();
    private final ClassifierSettings classifier = new ClassifierSettings();
    private final Notify notify = new Notify();
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final Assistant assistant = new Assistant();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public @Nullable Resource getTaxonomyFile() { return taxonomyFile; }
    public void setTaxonomyFile(@Nullable Resource taxonomyFile) { this.taxonomyFile = taxonomyFile; }
    public @Nullable Resource getRulesFile() { return rulesFile; }
    public void setRulesFile(@Nullable Resource rulesFile) { this.rulesFile = rulesFile; }
    public int getWorkers() { return workers; }
    public void setWorkers(int workers) { this.workers = workers; }
    public int getBacklogCapacity() { return backlogCapacity; }
    public void setBacklogCapacity(int backlogCapacity) { this.backlogCapacity = backlogCapacity; }
    public java.time.Duration getSubmitTimeout() { return submitTimeout; }
    public void setSubmitTimeout(java.time.Duration submitTimeout) { this.submitTimeout = submitTimeout; }
    public Store getStore() { return store; }
    public ClassifierSettings getClassifier() { return classifier; }
    public Notify getNotify() { return notify; }
    public Acknowledgements getAcknowledgements() { return acknowledgements; }
    public Assistant getAssistant() { return assistant; }

    /** Which store holds the tickets. */
    public enum StoreType {
        /** JDBC when {@code ticket-triage.store.jdbc.url} is set or the context has a DataSource (and ticket-store-jdbc is on the classpath), else memory. */
        AUTO,
        /** In memory: lost on restart. */
        MEMORY,
        /** ticket-store-jdbc on H2, PostgreSQL or MariaDB. */
        JDBC
    }

    /** Ticket store settings. */
    public static class Store {
        /** auto, memory or jdbc. */
        private StoreType type = StoreType.AUTO;
        private final Jdbc jdbc = new Jdbc();

        public StoreType getType() { return type; }
        public void setType(StoreType type) { this.type = type; }
        public Jdbc getJdbc() { return jdbc; }
    }

    /** The JDBC store; without a URL it uses the context's DataSource. */
    public static class Jdbc {
        /** JDBC URL of a database of the store's own (pooled by HikariCP), e.g. jdbc:h2:file:./data/tickets, jdbc:postgresql://host/db, jdbc:mariadb://host/db. */
        private @Nullable String url;
        /** Database user for {@code url}. */
        private @Nullable String username;
        /** Database password for {@code url}. */
        private @Nullable String password;
        /** Largest number of pooled connections for {@code url}. */
        private int maximumPoolSize = 10;
        /** Prefix of the store's table names. */
        private String tablePrefix = "triage_";
        /** Create or upgrade the store's tables at start-up. */
        private boolean migrate = true;

        public @Nullable String getUrl() { return url; }
        public void setUrl(@Nullable String url) { this.url = url; }
        public @Nullable String getUsername() { return username; }
        public void setUsername(@Nullable String username) { this.username = username; }
        public @Nullable String getPassword() { return password; }
        public void setPassword(@Nullable String password) { this.password = password; }
        public int getMaximumPoolSize() { return maximumPoolSize; }
        public void setMaximumPoolSize(int maximumPoolSize) { this.maximumPoolSize = maximumPoolSize; }
        public String getTablePrefix() { return tablePrefix; }
        public void setTablePrefix(String tablePrefix) { this.tablePrefix = tablePrefix; }
        public boolean isMigrate() { return migrate; }
        public void setMigrate(boolean migrate) { this.migrate = migrate; }
    }

    /** Which classifier answers. */
    public enum Provider {
        /** openai when its API key is set, else huggingface when its token is set, else embedded when its model file is set, else rules. */
        AUTO,
        /** The embedded rule classifier: offline, no key. */
        RULES,
        /** OpenAI, or any OpenAI-compatible server at {@code base-url}. */
        OPENAI,
        /** HuggingFace (ticket-llm-huggingface): router chat, hosted task models or a TGI server, as {@code huggingface.api} says. */
        HUGGINGFACE,
        /** The offline embedded classifier (ticket-classifier-embedded) with the model in {@code embedded.model-file}. */
        EMBEDDED
    }

    /** Classifier settings. */
    public static class ClassifierSettings {
        /** auto, rules, openai, huggingface or embedded. */
        private Provider provider = Provider.AUTO;
        private final Cascade cascade = new Cascade();
        private final Embedded embedded = new Embedded();
        private final Llm openai = new Llm();
        private final HuggingFace huggingface = new HuggingFace();

        public Provider getProvider() { return provider; }
        public void setProvider(Provider provider) { this.provider = provider; }
        public Cascade getCascade() { return cascade; }
        public Embedded getEmbedded() { return embedded; }
        public Llm getOpenai() { return openai; }
        public HuggingFace getHuggingface() { return huggingface; }
    }

    /** The offline embedded classifier (needs ticket-classifier-embedded on the classpath). */
    public static class Embedded {
        /** A model file saved by EmbeddedModel.save; setting it makes the embedded classifier the local one (instead of rules). */
        private @Nullable String modelFile;
        /** ONNX Runtime threads per inference. */
        private int intraOpThreads = 1;

        public @Nullable String getModelFile() { return modelFile; }
        public void setModelFile(@Nullable String modelFile) { this.modelFile = modelFile; }
        public int getIntraOpThreads() { return intraOpThreads; }
        public void setIntraOpThreads(int intraOpThreads) { this.intraOpThreads = intraOpThreads; }
    }

    /** The local classifier (rules or embedded) first, the LLM only for tickets it is unsure about. */
    public static class Cascade {
        /** Ask the local classifier (rules, or embedded with a model file) first and the LLM only when its category confidence is below {@code min-confidence}. */
        private boolean enabled = false;
        /** Category confidence at or above which the local classifier's answer is kept. */
        private double minConfidence = 0.6;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public double getMinConfidence() { return minConfidence; }
        public void setMinConfidence(double minConfidence) { this.minConfidence = minConfidence; }
    }

    /** An LLM provider reached over the OpenAI Chat Completions API. */
    public static class Llm {
        /** API key (OpenAI) or access token (HuggingFace); never logged. */
        private @Nullable String apiKey;
        /** Base URL of the API; default the provider's own. */
        private @Nullable URI baseUrl;
        /** Model name; default the provider's default model. */
        private @Nullable String model;
        /** Calls in flight at once. */
        private int maxInFlight = 16;

        public @Nullable String getApiKey() { return apiKey; }
        public void setApiKey(@Nullable String apiKey) { this.apiKey = apiKey; }
        public @Nullable URI getBaseUrl() { return baseUrl; }
        public void setBaseUrl(@Nullable URI baseUrl) { this.baseUrl = baseUrl; }
        public @Nullable String getModel() { return model; }
        public void setModel(@Nullable String model) { this.model = model; }
        public int getMaxInFlight() { return maxInFlight; }
        public void setMaxInFlight(int maxInFlight) { this.maxInFlight = maxInFlight; }

        boolean hasKey() { return apiKey != null && !apiKey.isBlank(); }
    }

    /** Which HuggingFace API the {@code huggingface} classifier calls. */
    public enum HuggingFaceApiMode {
        /** An instruct model behind the Inference Providers router (OpenAI-compatible chat completions). */
        CHAT,
        /** The hosted task APIs: a zero-shot model for the category, a sentiment model; the rest from the rule classifier. */
        TASKS,
        /** A self-hosted Text Generation Inference server at {@code base-url}. */
        TGI
    }

    /** The HuggingFace classifier (needs dev.tickettriage:ticket-llm-huggingface on the classpath). */
    public static class HuggingFace extends Llm {
        /** Access token (hf_...), fine-grained with "Make calls to Inference Providers"; e.g. ${HF_TOKEN:}. Never logged. */
        private @Nullable String token;
        /** chat, tasks or tgi. */
        private HuggingFaceApiMode api = HuggingFaceApiMode.CHAT;

        public @Nullable String getToken() { return token; }
        public void setToken(@Nullable String token) { this.token = token; }
        public HuggingFaceApiMode getApi() { return api; }
        public void setApi(HuggingFaceApiMode api) { this.api = api; }

        /** The token under its old name. */
        @Override
        @Deprecated
        @DeprecatedConfigurationProperty(replacement = "ticket-triage.classifier.huggingface.token")
        public @Nullable String getApiKey() { return super.getApiKey(); }

        /** The token, or the deprecated api-key when no token is set; null when neither is. */
        @Nullable String effectiveToken() {
            if (token != null && !token.isBlank()) return token.strip();
            String old = super.getApiKey();
            return old != null && !old.isBlank() ? old.strip() : null;
        }

        @Override
        boolean hasKey() { return effectiveToken() != null; }
    }

    /** Notifiers, one per target; the console notifier serves the default target when no other notifier does. */
    public static class Notify {
        private final Console console = new Console();
        private final Ntfy ntfy = new Ntfy();
        private final Smtp smtp = new Smtp();
        private final Webhook webhook = new Webhook();

        public Console getConsole() { return console; }
        public Ntfy getNtfy() { return ntfy; }
        public Smtp getSmtp() { return smtp; }
        public Webhook getWebhook() { return webhook; }
    }

    /** The console (log) notifier. */
    public static class Console {
        /**
         * Log the notifications of every target without a notifier of its own; when false, each target the rules
         * name needs one (the start-up fails naming the others).
         */
        private boolean enabled = true;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    /** Push notifications through ntfy; on when {@code topic} is set. */
    public static class Ntfy {
        /** The ntfy topic; setting it switches the ntfy notifier on. */
        private @Nullable String topic;
        /** The ntfy server. */
        private URI serverUrl = URI.create("https://ntfy.sh");
        /** Access token for a protected topic; never logged. */
        private @Nullable String accessToken;
        /** The notification target it serves. */
        private String target = "support-alerts";
        /** Add an "Acknowledge" button (needs ticket-triage.acknowledgements.secret and public-url). */
        private boolean acknowledgeButton = true;

        public @Nullable String getTopic() { return topic; }
        public void setTopic(@Nullable String topic) { this.topic = topic; }
        public URI getServerUrl() { return serverUrl; }
        public void setServerUrl(URI serverUrl) { this.serverUrl = serverUrl; }
        public @Nullable String getAccessToken() { return accessToken; }
        public void setAccessToken(@Nullable String accessToken) { this.accessToken = accessToken; }
        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
        public boolean isAcknowledgeButton() { return acknowledgeButton; }
        public void setAcknowledgeButton(boolean acknowledgeButton) { this.acknowledgeButton = acknowledgeButton; }
    }

    /** E-mail through SMTP; on when {@code host} is set. */
    public static class Smtp {
        /** SMTP server; setting it switches the e-mail notifier on. */
        private @Nullable String host;
        /** SMTP port. */
        private int port = 587;
        /** none, starttls_required, starttls_optional or ssl. */
        private @Nullable String security;
        /** SMTP user. */
        private @Nullable String username;
        /** SMTP password; never logged. */
        private @Nullable String password;
        /** Sender address. */
        private @Nullable String from;
        /** Recipient addresses. */
        private List<String> to = new ArrayList<>();
        /** The notification target it serves. */
        private String target = "support-alerts";

        public @Nullable String getHost() { return host; }
        public void setHost(@Nullable String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public @Nullable String getSecurity() { return security; }
        public void setSecurity(@Nullable String security) { this.security = security; }
        public @Nullable String getUsername() { return username; }
        public void setUsername(@Nullable String username) { this.username = username; }
        public @Nullable String getPassword() { return password; }
        public void setPassword(@Nullable String password) { this.password = password; }
        public @Nullable String getFrom() { return from; }
        public void setFrom(@Nullable String from) { this.from = from; }
        public List<String> getTo() { return to; }
        public void setTo(List<String> to) { this.to = to; }
        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
    }

    /** Signed HTTP callbacks; on when {@code url} is set. */
    public static class Webhook {
        /** Endpoint URL; setting it switches the webhook notifier on. */
        private @Nullable URI url;
        /** HMAC-SHA256 signing secret; never logged. */
        private @Nullable String signingSecret;
        /** json or slack. */
        private String format = "json";
        /** The notification target it serves. */
        private String target = "support-alerts";

        public @Nullable URI getUrl() { return url; }
        public void setUrl(@Nullable URI url) { this.url = url; }
        public @Nullable String getSigningSecret() { return signingSecret; }
        public void setSigningSecret(@Nullable String signingSecret) { this.signingSecret = signingSecret; }
        public String getFormat() { return format; }
        public void setFormat(String format) { this.format = format; }
        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
    }

    /** Signed links that acknowledge an alert (the ntfy "Acknowledge" button). */
    public static class Acknowledgements {
        /** Signing secret, at least 32 bytes; setting it switches acknowledgements on. Never logged. */
        private @Nullable String secret;
        /** How long a link stays valid. */
        private Duration validity = Duration.ofHours(24);
        /** The app's public base URL, for links in notifications, e.g. https://support.example.com. */
        private @Nullable URI publicUrl;

        public @Nullable String getSecret() { return secret; }
        public void setSecret(@Nullable String secret) { this.secret = secret; }
        public Duration getValidity() { return validity; }
        public void setValidity(Duration validity) { this.validity = validity; }
        public @Nullable URI getPublicUrl() { return publicUrl; }
        public void setPublicUrl(@Nullable URI publicUrl) { this.publicUrl = publicUrl; }
    }

    /** What an assistant remembers between questions. */
    public enum AssistantMemory {
        /** Nothing: every question stands alone (the tool calls of one question still see each other's results). */
        NONE,
        /**
         * The last {@code memory-messages} messages of a conversation, keyed by a random id the first answer returns
         * and the next question sends back; at most {@code max-conversations} are kept (least recently used dropped).
         */
        CONVERSATION
    }

    /**
     * The support agents' assistant (a {@code TicketAssistant} bean): an LLM answering questions with the ticket tools
     * of ticket-agent-tools. Needs dev.tickettriage:ticket-agent-tools and dev.langchain4j:langchain4j on the classpath,
     * and either {@code api-key} or {@code base-url} (with dev.langchain4j:langchain4j-open-ai) or a LangChain4j
     * {@code ChatModel} bean of the host's.
     */
    public static class Assistant {
        /** Whether to build the assistant when a model is available. */
        private boolean enabled = true;
        /** API key of OpenAI or an OpenAI-compatible server; setting it (or base-url) switches the assistant on. Never logged. */
        private @Nullable String apiKey;
        /** Base URL of an OpenAI-compatible Chat Completions API; default OpenAI's. */
        private @Nullable URI baseUrl;
        /** Model name; it must support tool calling. */
        private String model = "gpt-4o-mini";
        /** Timeout of one model call. */
        private Duration timeout = Duration.ofSeconds(60);
        /** Tool calls one question may make; past it the model is told to answer with what it has. */
        private int maxToolCalls = 6;
        /** none or conversation. */
        private AssistantMemory memory = AssistantMemory.NONE;
        /** Messages kept per conversation (memory=conversation). */
        private int memoryMessages = 20;
        /** Conversations kept at once (memory=conversation); the least recently used is forgotten first. */
        private int maxConversations = 1_000;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public @Nullable String getApiKey() { return apiKey; }
        public void setApiKey(@Nullable String apiKey) { this.apiKey = apiKey; }
        public @Nullable URI getBaseUrl() { return baseUrl; }
        public void setBaseUrl(@Nullable URI baseUrl) { this.baseUrl = baseUrl; }
        public String getModel() { return model; }
        public void setModel(String model) { this.model = model; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public int getMaxToolCalls() { return maxToolCalls; }
        public void setMaxToolCalls(int maxToolCalls) { this.maxToolCalls = maxToolCalls; }
        public AssistantMemory getMemory() { return memory; }
        public void setMemory(AssistantMemory memory) { this.memory = memory; }
        public int getMemoryMessages() { return memoryMessages; }
        public void setMemoryMessages(int memoryMessages) { this.memoryMessages = memoryMessages; }
        public int getMaxConversations() { return maxConversations; }
        public void setMaxConversations(int maxConversations) { this.maxConversations = maxConversations; }

        boolean hasModelSettings() {
            return (apiKey != null && !apiKey.isBlank()) || baseUrl != null;
        }
    }
}
