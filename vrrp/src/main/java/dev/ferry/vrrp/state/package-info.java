/** The VRRP state machine of RFC 5798 §6 with keepalived's extensions, as a pure function of (state, event, now) with no I/O and no clock. */
package dev.ferry.vrrp.state;
