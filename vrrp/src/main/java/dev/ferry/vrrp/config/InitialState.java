package dev.ferry.vrrp.config;

/**
 * The {@code state} directive. As in keepalived it only matters for the defaults and rules it
 * implies (priority 255 when none is given, nopreempt and preempt_delay refused): a MASTER
 * with priority below 255 still starts in Backup and waits Master_Down_Interval (SPEC-vrrp.md §2.3).
 */
public enum InitialState {
    MASTER,
    BACKUP
}
