package dev.ferry.server.cli;

import java.util.List;
import java.util.Set;

/**
 * The options of one {@code ferry} invocation, read the way nginx's {@code ngx_get_options}
 * reads them: flags may be grouped ({@code -tq}), a value may be attached ({@code -cfile}) or
 * be the next argument, and the first bad argument stops everything with nginx's message.
 *
 * @param showHelp      {@code -h} or {@code -?}
 * @param showVersion   {@code -v}, {@code -V}, {@code -h}
 * @param showConfigure {@code -V}
 * @param testConfig    {@code -t} or {@code -T}
 * @param dumpConfig    {@code -T}
 * @param quiet         {@code -q}
 * @param prefix        {@code -p}, or null
 * @param errorLog      {@code -e}, or null
 * @param configFile    {@code -c}, or null
 * @param globals       {@code -g}, or null
 * @param signal        {@code -s}, or null
 */
public record CommandLine(
        boolean showHelp,
        boolean showVersion,
        boolean showConfigure,
        boolean testConfig,
        boolean dumpConfig,
        boolean quiet,
        String prefix,
        String errorLog,
        String configFile,
        String globals,
        String signal) {

    /** The names {@code -s} accepts, as in nginx's {@code ngx_signal_process}. */
    public static final Set<String> SIGNALS = Set.of("stop", "quit", "reopen", "reload");

    /** A command line that nginx would refuse; the message is printed after {@code "ferry: "}. */
    public static final class InvalidOption extends Exception {
        public InvalidOption(String message) {
            super(message);
        }
    }

    public static CommandLine parse(List<String> argv) throws InvalidOption {
        Builder b = new Builder();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.isEmpty() || arg.charAt(0) != '-') {
                throw new InvalidOption("invalid option: \"" + arg + "\"");
            }
            int p = 1;
            options:
            while (p < arg.length()) {
                char option = arg.charAt(p++);
                switch (option) {
                    case '?', 'h' -> {
                        b.showVersion = true;
                        b.showHelp = true;
                    }
                    case 'v' -> b.showVersion = true;
                    case 'V' -> {
                        b.showVersion = true;
                        b.showConfigure = true;
                    }
                    case 't' -> b.testConfig = true;
                    case 'T' -> {
                        b.testConfig = true;
                        b.dumpConfig = true;
                    }
                    case 'q' -> b.quiet = true;
                    case 'p', 'e', 'c', 'g', 's' -> {
                        // The rest of this word is the value; if empty, the next argument is.
                        String value;
                        if (p < arg.length()) {
                            value = arg.substring(p);
                        } else if (i + 1 < argv.size()) {
                            value = argv.get(++i);
                        } else {
                            throw new InvalidOption("option \"-" + option + "\" requires " + valueName(option));
                        }
                        b.set(option, value);
                        break options;
                    }
                    default -> throw new InvalidOption("invalid option: \"" + option + "\"");
                }
            }
        }
        return b.build();
    }

    private static String valueName(char option) {
        return switch (option) {
            case 'p' -> "directory name";
            case 'e', 'c' -> "file name";
            default -> "parameter";
        };
    }

    private static final class Builder {
        boolean showHelp;
        boolean showVersion;
        boolean showConfigure;
        boolean testConfig;
        boolean dumpConfig;
        boolean quiet;
        String prefix;
        String errorLog;
        String configFile;
        String globals;
        String signal;

        void set(char option, String value) throws InvalidOption {
            switch (option) {
                case 'p' -> prefix = value;
                case 'e' -> errorLog = value;
                case 'c' -> configFile = value;
                case 'g' -> globals = value;
                case 's' -> {
                    if (!SIGNALS.contains(value)) {
                        throw new InvalidOption("invalid option: \"-s " + value + "\"");
                    }
                    signal = value;
                }
                default -> throw new IllegalArgumentException("not a valued option: " + option);
            }
        }

        CommandLine build() {
            return new CommandLine(showHelp, showVersion, showConfigure, testConfig, dumpConfig, quiet,
                    prefix, errorLog, configFile, globals, signal);
        }
    }
}
