/** Tracking: what lowers an instance's priority or puts it in FAULT — interfaces, and upstream groups through passive health and TCP connect probes. */
package dev.ferry.vrrp.track;
