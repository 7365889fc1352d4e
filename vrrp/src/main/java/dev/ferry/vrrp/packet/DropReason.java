package dev.ferry.vrrp.packet;

/** Why a received packet was not given to the state machine, in keepalived's words where it has some. */
public enum DropReason {
    TOO_SHORT("packet too short"),
    TTL("invalid TTL, expected 255"),
    VERSION("wrong version"),
    TYPE("invalid type, expected 1 (ADVERTISEMENT)"),
    UNKNOWN_VRID("no vrrp_instance with this VRID"),
    LENGTH("length does not match the address count"),
    CHECKSUM("invalid checksum"),
    AUTH_TYPE("authentication type mismatch"),
    AUTH_PASS("received an invalid passwd"),
    INTERVAL("advertisement interval mismatch"),
    SOURCE("source is not a unicast_peer");

    private final String text;

    DropReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
