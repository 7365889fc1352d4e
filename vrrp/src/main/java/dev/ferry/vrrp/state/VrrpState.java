package dev.ferry.vrrp.state;

/** The states of RFC 5798 §6.4, plus keepalived's FAULT (a tracked interface or check failed). */
public enum VrrpState {
    INITIALIZE,
    BACKUP,
    MASTER,
    FAULT
}
