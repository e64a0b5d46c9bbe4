package io.waspada.notifier.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The routing YAML as written: the route tree, the receivers (task forces) and the inhibition rules. */
public final class RoutingFile extends Located {

    public RouteSpec route;
    public List<ReceiverSpec> receivers = new ArrayList<>();
    @JsonProperty("inhibit_rules")
    public List<InhibitRuleSpec> inhibitRules = new ArrayList<>();

    /** One node of the route tree, Alertmanager's keys. */
    public static final class RouteSpec extends Located {
        public String receiver;
        public List<String> matchers = new ArrayList<>();
        public Map<String, String> match = new LinkedHashMap<>();
        @JsonProperty("match_re")
        public Map<String, String> matchRe = new LinkedHashMap<>();
        @JsonProperty("continue")
        public boolean continueMatching;
        @JsonProperty("group_by")
        public List<String> groupBy;
        @JsonProperty("group_wait")
        public String groupWait;
        @JsonProperty("group_interval")
        public String groupInterval;
        @JsonProperty("repeat_interval")
        public String repeatInterval;
        /** Severity name to deadline ({@code 5m}, {@code never}); replaces the parent's per severity. */
        @JsonProperty("escalation_deadlines")
        public Map<String, String> escalationDeadlines;
        public List<RouteSpec> routes = new ArrayList<>();
    }

    /** A task force and its channels. */
    public static final class ReceiverSpec extends Located {
        public String id;
        public String name;
        public List<String> handling;
        public List<String> escalation = new ArrayList<>();
        public ChannelsSpec channels = new ChannelsSpec();
        /** {@code full} (default) or {@code protection}: see {@link io.waspada.notifier.routing.Projection}. */
        public String projection;
        /** Default language of its officers' console and of its email: en, ms or id. */
        public String language;
        /** Default time zone: Asia/Kuala_Lumpur (MYT), Asia/Jakarta (WIB) or Asia/Makassar (WITA). */
        @JsonProperty("time_zone")
        public String timeZone;
    }

    /** The channels beyond the WebSocket, which every task force has. */
    public static final class ChannelsSpec extends Located {
        public WebhookSpec webhook;
        public EmailSpec email;
    }

    /** A signed webhook. */
    public static final class WebhookSpec extends Located {
        public String url;
        /** Refused: a secret is never written in the routing file. */
        public String secret;
        /** The name of the environment variable holding the secret. */
        @JsonProperty("secret_env")
        public String secretEnv;
        /** A file holding the secret (readable by the service's user only). */
        @JsonProperty("secret_file")
        public String secretFile;
        public String timeout;
    }

    /** Email recipients. */
    public static final class EmailSpec extends Located {
        public List<String> to = new ArrayList<>();
    }

    /** An inhibition rule. */
    public static final class InhibitRuleSpec extends Located {
        @JsonProperty("source_matchers")
        public List<String> sourceMatchers = new ArrayList<>();
        @JsonProperty("target_matchers")
        public List<String> targetMatchers = new ArrayList<>();
        public List<String> equal = new ArrayList<>();
    }
}
