package org.spmonitor.local;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar spmonitor-local.jar [options]}: reads the options ({@code --help} lists them), starts
 * the stack, prints the banner, loads the demo data with {@code --demo}, and stops everything at
 * Ctrl-C. Exit status 2 for a wrong option, 1 if the stack cannot start.
 */
final class LocalStackCommand {

    static void run(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(LocalStackSettings.usage());
            return;
        }
        LocalStack stack;
        try {
            LocalStackSettings settings = LocalStackSettings.parse(List.of(args), System.getProperties());
            stack = LocalStack.start(settings);
        }
        catch (IllegalArgumentException ex) {
            System.err.println("spmonitor-local: " + ex.getMessage() + System.lineSeparator() + System.lineSeparator()
                    + LocalStackSettings.usage());
            System.exit(2);
            return;
        }
        catch (LocalStackException ex) {
            System.err.println(System.lineSeparator() + "spmonitor-local could not start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        catch (RuntimeException ex) {
            // start() closed whatever had started; the exit status tells a script that nothing runs
            System.err.println(System.lineSeparator() + "spmonitor-local could not start:");
            ex.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "spmonitor-local-shutdown"));
        System.out.println(stack.describe(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        if (stack.settings().demo()) {
            stack.loadDemoData();
        }
    }

    private LocalStackCommand() {
    }
}
