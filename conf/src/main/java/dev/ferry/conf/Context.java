package dev.ferry.conf;

/**
 * The block a directive stands in, as nginx's NGX_*_CONF context flags.
 *
 * <p>A <em>raw</em> context holds entries that are not directives ({@code map} pairs,
 * {@code types} entries, {@code virtual_ipaddress} lines): its children are not looked up
 * in the registry, only read as words and handed to the block's owner.
 */
public enum Context {
    MAIN("main", false),
    EVENTS("events", false),
    HTTP("http", false),
    SERVER("server", false),
    LOCATION("location", false),
    UPSTREAM("upstream", false),
    /** {@code if} inside {@code server} (nginx NGX_HTTP_SIF_CONF). */
    IF_IN_SERVER("if", false),
    /** {@code if} inside {@code location} (nginx NGX_HTTP_LIF_CONF). */
    IF_IN_LOCATION("if", false),
    LIMIT_EXCEPT("limit_except", false),
    MAP("map", true),
    TYPES("types", true),
    VRRP_INSTANCE("vrrp_instance", false),
    /** Brace lists inside a vrrp_instance, keepalived style: {@code virtual_ipaddress { ... }}. */
    VRRP_LIST("vrrp list", true);

    private final String blockName;
    private final boolean raw;

    Context(String blockName, boolean raw) {
        this.blockName = blockName;
        this.raw = raw;
    }

    /** The directive name that opens this context, for messages. */
    public String blockName() {
        return blockName;
    }

    /** True when the children are plain entries rather than registered directives. */
    public boolean raw() {
        return raw;
    }
}
