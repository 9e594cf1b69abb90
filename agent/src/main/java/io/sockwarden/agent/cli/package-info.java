/** The command line (picocli): one class per subcommand, shared options as mixins. */
package io.sockwarden.agent.cli;
