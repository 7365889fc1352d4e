package dev.ferry.conf.registry;

/**
 * How many arguments a directive takes, as nginx's NGX_CONF_NOARGS / TAKEn / 1MORE / 2MORE flags.
 * Counts are kept as a bit set ({@code bit n} set means n arguments are accepted) plus an
 * open-ended lower bound, which covers every combination nginx uses (TAKE13, TAKE1234, ...).
 */
public record Arity(int exactCounts, int atLeast) {

    public static final Arity NONE = exactly(0);
    public static final Arity ONE = exactly(1);
    public static final Arity TWO = exactly(2);
    public static final Arity ONE_OR_TWO = exactly(1, 2);
    public static final Arity ONE_TO_THREE = exactly(1, 2, 3);
    public static final Arity ONE_OR_MORE = atLeast(1);
    public static final Arity TWO_OR_MORE = atLeast(2);
    /** nginx's NGX_CONF_FLAG: one argument, "on" or "off", checked by the binder. */
    public static final Arity FLAG = ONE;

    public Arity {
        if (exactCounts == 0 && atLeast < 0) {
            throw new IllegalArgumentException("an arity accepts at least one count");
        }
    }

    public static Arity exactly(int... counts) {
        int bits = 0;
        for (int c : counts) {
            if (c < 0 || c > 30) {
                throw new IllegalArgumentException("argument count out of range: " + c);
            }
            bits |= 1 << c;
        }
        return new Arity(bits, -1);
    }

    public static Arity atLeast(int min) {
        return new Arity(0, min);
    }

    public boolean accepts(int count) {
        if (atLeast >= 0 && count >= atLeast) {
            return true;
        }
        return count <= 30 && (exactCounts & (1 << count)) != 0;
    }
}
