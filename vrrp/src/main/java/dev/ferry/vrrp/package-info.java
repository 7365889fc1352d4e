/** The VRRP v2/v3 speaker: codec, pure state machine and OS adapters (issue 7). */
package dev.ferry.vrrp;
