/** The VRRPv2 (RFC 3768) and VRRPv3 (RFC 5798) advertisement codec, its checksums, and the receive checks that decide which packets count. */
package dev.ferry.vrrp.packet;
