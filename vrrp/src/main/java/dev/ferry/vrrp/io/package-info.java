/** The OS shell of the VRRP speaker: raw protocol-112 sockets, VIPs and gratuitous ARP through the FFM API, and the one scheduler thread that feeds the state machines. */
package dev.ferry.vrrp.io;
