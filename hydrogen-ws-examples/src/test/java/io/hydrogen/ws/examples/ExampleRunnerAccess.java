package io.hydrogen.ws.examples;

/** What the dashboard tests need of the runner's package-private parts. */
public final class ExampleRunnerAccess {

    /** The class path directory the runner serves: the dashboard and the WebJar's client. */
    public static final String DASHBOARD = ExampleRunner.DASHBOARD;

    private ExampleRunnerAccess() {
    }
}
