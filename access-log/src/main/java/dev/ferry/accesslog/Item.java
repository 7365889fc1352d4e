package dev.ferry.accesslog;

import java.util.concurrent.CompletableFuture;

/** What travels from the formatting threads to the writer thread, in order. */
sealed interface Item {

    /** Bytes this item holds against the queue's bound; 0 for items outside it. */
    int budgetBytes();

    /** Log lines this item carries, for counting drops. */
    int lines();

    /** One line of an unbuffered file. */
    record Line(FileSink sink, byte[] bytes) implements Item {
        @Override
        public int budgetBytes() {
            return bytes.length;
        }

        @Override
        public int lines() {
            return 1;
        }
    }

    /**
     * The contents of one thread's buffer of a buffered file (or one line too long for it),
     * written with one write; one gzip member when the file is gzipped.
     *
     * @param budgeted whether it counts against the bound: a full buffer handed off by a
     *                 formatting thread does; a buffer the writer itself takes (flush timer,
     *                 reopen, close) is already in memory and does not
     */
    record Chunk(FileSink sink, byte[] data, int length, int lines, boolean budgeted) implements Item {
        @Override
        public int budgetBytes() {
            return budgeted ? length : 0;
        }
    }

    /** A line for a path with variables, already evaluated (checked as a path by the writer). */
    record PathLine(String path, OpenFileCache cache, byte[] bytes) implements Item {
        @Override
        public int budgetBytes() {
            return bytes.length;
        }

        @Override
        public int lines() {
            return 1;
        }
    }

    /** An instruction to the writer, completed when carried out. */
    record Control(Kind kind, CompletableFuture<Void> done) implements Item {
        enum Kind {
            /** Queue every buffer's lines, then {@link #REOPEN_NOW} behind them. */
            REOPEN,
            /** Reopen every file: the lines queued before it went to the old files. */
            REOPEN_NOW,
            /** Queue every buffer's lines and refuse new ones, then {@link #CLOSE_NOW} behind them. */
            CLOSE,
            /** Write what is left and close every file. */
            CLOSE_NOW,
            /** Run the timers, then {@link #SYNC_DONE} behind what they queued (tests). */
            SYNC,
            SYNC_DONE
        }

        @Override
        public int budgetBytes() {
            return 0;
        }

        @Override
        public int lines() {
            return 0;
        }
    }
}
