/** proxy_next_upstream: its directives, and the pure decision of whether a failed attempt moves to the next peer. */
package dev.ferry.upstream.next;
